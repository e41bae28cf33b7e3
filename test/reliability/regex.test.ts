/**
 * Regular expressions cannot block the engine: patterns from flows run on RE2. Classic
 * catastrophic patterns meet the inputs that blow up a backtracking engine, through the cards,
 * through `/…/` in flow test files, and through `flow serve`, where /healthz and other runs must
 * keep answering while the hostile run goes on. Generated patterns give what JavaScript's own
 * engine gives wherever both can run them (a differential test, seed printed).
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { linearRegExp } from '../../cards/lib/regex.ts'
import { partialMatch } from '../../cli/test-file.ts'
import { runFlow } from '../../engine/run.ts'
import { planOf } from '../helpers.ts'
import { deliver, envelope, profileEvent, startEngine, waitFor } from '../server/helpers.ts'
import { SEED, size } from './helpers.ts'

/** Patterns that take exponential or high polynomial time on a backtracking engine, each with its poison. */
const CATASTROPHIC: [string, string][] = [
  ['(a+)+$', `${'a'.repeat(50_000)}!`],
  ['(a|aa)+$', `${'a'.repeat(50_000)}!`],
  ['(a|a?)+$', `${'a'.repeat(50_000)}!`],
  ['(.*a){12}', 'a'.repeat(50_000)],
  ['^(\\w+\\s?)*$', `${'word '.repeat(10_000)}!`],
  ['(x+x+)+y', 'x'.repeat(50_000)],
  ['^(([a-z])+.)+[A-Z]([a-z])+$', `${'aaaaaaaaaa'.repeat(5_000)}!`],
  ['(\\d+)*[a-z]', '1'.repeat(50_000)],
  ['.*.*=.*', `${'x='.repeat(25_000)}`],
]

const HEAD = 'name: t\ntrigger:\n  id: event\n  card: okta.userProfileUpdated\ncards:\n'
const input = (name: string) => ({ 'Changed Attributes': 'email', Actor: { ID: 'a' }, 'Okta User': { ID: 'u', 'Display Name': name } })

describe('regular expressions cannot block the engine', () => {
  it('runs catastrophic patterns on their poison inputs through Find Pattern, Replace Pattern and test files', async () => {
    for (const [pattern, poison] of CATASTROPHIC) {
      const plan = planOf(`${HEAD}  - { id: f, card: text.findPattern, inputs: { string: "{{event.Okta User.Display Name}}", target: ${JSON.stringify(pattern)} } }
  - { id: r, card: text.replacePattern, inputs: { text: "{{event.Okta User.Display Name}}", patterns: [${JSON.stringify(pattern)}], replacement: "-" } }
`)
      const run = await runFlow(plan, input(poison), { dryRun: true })
      assert.equal(run.status, 'succeeded', `${pattern}: ${JSON.stringify(run.error)}`)
      assert.deepEqual(partialMatch(`/${pattern}/`, poison).length <= 1, true)
    }
  })

  it('refuses what RE2 cannot run in linear time with a clear error naming the syntax', async () => {
    const refused: [string, RegExp][] = [
      ['a(?=b)', /lookahead/],
      ['a(?!b)', /lookahead/],
      ['(a)\\1', /backreferences/],
      ['(?<n>a)\\k<n>', /backreferences/],
      ['(?<=(a))b', /capture in lookbehind/],
      ['a{1001}', /repeat count/],
      ['x'.repeat(1001), /longer than 1000/],
    ]
    for (const [pattern, why] of refused) {
      const plan = planOf(`${HEAD}  - { id: f, card: text.findPattern, inputs: { string: abc, target: ${JSON.stringify(pattern)} } }\n`)
      const run = await runFlow(plan, input('x'), { dryRun: true })
      assert.deepEqual([run.status, run.error?.code], ['failed', 'CARD_FAILED'], pattern)
      assert.match(run.error!.message, why)
      assert.match(partialMatch(`/${pattern}/`, 'abc')[0] ?? '', why)
    }
    // lookbehind without captures runs in linear time and is kept
    assert.equal(linearRegExp('(?<=a)b').exec('ab')?.index, 1)
  })

  it('gives what JavaScript\'s engine gives, for generated patterns and texts', (t) => {
    const atom = fc.constantFrom('a', 'b', '.', '\\d', '\\w', '[ab]', '[^a]', '(a|b)', '(?:ab)', '\\s', ' ', '-', '^', '$', '\\b')
    const quantifier = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '*?', '+?')
    const pattern = fc.array(fc.tuple(atom, quantifier).map(([a, q]) => (a === '^' || a === '$' || a === '\\b' ? a : a + q)), { minLength: 1, maxLength: 6 }).map((p) => p.join(''))
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '1', ' ', '-', 'é', '\n'), maxLength: 24 })
    const flags = fc.constantFrom('', 'g', 'i', 'gi', 'm', 'gm', 's')
    let compared = 0
    fc.assert(
      fc.property(pattern, text, flags, (p, s, f) => {
        const native = new RegExp(p, f)
        const linear = linearRegExp(p, f)
        const exec = (re: RegExp) => JSON.stringify(re.exec(s))
        assert.equal(exec(linear), exec(native), `exec /${p}/${f} on ${JSON.stringify(s)}`)
        assert.equal(linearRegExp(p, f).test(s), new RegExp(p, f).test(s))
        assert.equal(s.replace(linearRegExp(p, f), '[$&]'), s.replace(new RegExp(p, f), '[$&]'), `replace /${p}/${f} on ${JSON.stringify(s)}`)
        assert.deepEqual(s.split(linearRegExp(p, f)), s.split(new RegExp(p, f)), `split /${p}/${f} on ${JSON.stringify(s)}`)
        assert.deepEqual(s.match(linearRegExp(p, f)), s.match(new RegExp(p, f)))
        compared++
      }),
      { numRuns: size(2000, 50_000), seed: SEED },
    )
    t.diagnostic(`seed ${SEED}: ${compared} generated patterns and texts matched, replaced, split and searched as JavaScript does`)
  })

  it('keeps /healthz, intake and other runs answering while a run meets a catastrophic pattern', async () => {
    const flows = mkdtempSync(join(tmpdir(), 'cardflow-regex-'))
    writeFileSync(join(flows, 'pattern.yaml'), `${HEAD}  - { id: f, card: text.findPattern, inputs: { string: "{{event.Okta User.Display Name}}", target: "(a|aa)+$" } }\n`)
    const s = await startEngine({ flowsDir: flows, concurrency: 2 })
    try {
      const events = CATASTROPHIC.map(([, poison], i) => {
        const e = profileEvent(`re-${i}`, new Date(Date.UTC(2026, 10, 20) + i).toISOString())
        e.target[0]!.displayName = poison.slice(0, 100_000)
        return e
      })
      for (const [i, e] of events.entries()) assert.equal((await deliver(s.url, envelope(`re-d-${i}`, [e]))).status, 200)
      // while those run: health answers, and a new delivery is stored and run
      assert.equal((await fetch(`${s.url}/healthz`)).status, 200)
      assert.equal((await deliver(s.url, envelope('re-d-last', [profileEvent('re-last', '2026-11-21T00:00:00Z')]))).status, 200)
      const runs = await waitFor(async () => {
        const all = await s.engine.store.listRuns({ limit: 100 })
        return all.length === events.length + 1 && all.every((r) => r.status === 'succeeded') && all
      }, 'every run to succeed')
      assert.equal(runs.length, events.length + 1)
    } finally {
      await s.close()
      rmSync(flows, { recursive: true, force: true })
    }
  })
})
