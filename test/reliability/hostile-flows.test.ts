/**
 * Hostile flow files and test inputs, generated with fast-check: real flows mutated at random
 * (characters cut, YAML syntax dropped in, lines moved, indentation broken) never make
 * loadFlowSource throw and always give located errors; any JSON given to `flow test` gives
 * invocations or an InputError, never another exception.
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { CardflowError } from '../../engine/errors.ts'
import { invocationsFromInput } from '../../connectors/okta/input.ts'
import { loadFlowSource } from '../../engine/load.ts'
import { planOf, ROOT } from '../helpers.ts'
import { envelope, profileEvent, unassignEvent } from '../server/helpers.ts'
import { FIXTURES, SEED, size } from './helpers.ts'
import { registry } from '../../cards/index.ts'

const RUNS = size(300, 10_000)
const SEEDS = [join(ROOT, 'flows'), join(ROOT, 'test/fixtures/server/flows'), join(FIXTURES, 'connector-flows')].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !f.includes('.test.'))
    .map((f) => readFileSync(join(dir, f), 'utf8')),
)
/** Pieces of YAML and template syntax, and the keys that pollute prototypes. */
const TOKENS = [':', ': ', '- ', '{', '}', '[', ']', '&a ', '*a', '<<: *a', '!!binary ', '!!js/function ', '|', '>', '#', '"', "'", '\t', '\n', '  ', '---\n', '...', '{{', '}}', '{{#each x}}', '{{> p}}', '__proto__', 'constructor', '%YAML 1.1\n', '? ', '@', '`', '\u0000', '\uFEFF']
/** Messages a user should never read: a crash leaking out as a diagnostic. */
const NOT_CLEAR = /undefined is not|is not a function|Cannot read propert|\[object Object\]|Maximum call stack/

type Mutation = (text: string) => string

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([at, n]): Mutation => (t) => t.slice(0, at % (t.length + 1)) + t.slice((at % (t.length + 1)) + n)),
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }))).map(([at, s]): Mutation => (t) => {
    const i = at % (t.length + 1)
    return t.slice(0, i) + s + t.slice(i)
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (t) => {
    const lines = t.split('\n')
    const [i, j] = [a % lines.length, b % lines.length]
    ;[lines[i], lines[j]] = [lines[j]!, lines[i]!]
    return lines.join('\n')
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([a, d]): Mutation => (t) => {
    const lines = t.split('\n')
    const i = a % lines.length
    lines[i] = d >= 0 ? ' '.repeat(d) + lines[i] : lines[i]!.slice(-d)
    return lines.join('\n')
  }),
  fc.nat().map((a): Mutation => (t) => {
    const lines = t.split('\n')
    lines.splice(a % lines.length, 0, lines[a % lines.length]!)
    return lines.join('\n')
  }),
)

describe('hostile flow files and test inputs', () => {
  it('never throws on a mutated flow, and locates every error in the file', (t) => {
    let invalid = 0
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, steps) => {
        const text = steps.reduce((acc, step) => step(acc), seed)
        const result = loadFlowSource(text, 'mutated.yaml', registry)
        assert.ok(result.plan !== undefined || result.errors.length > 0, 'either a plan or errors')
        if (!result.plan) invalid++
        for (const e of result.errors) {
          // typed CardflowError; at run time a leaked exception would have no flow code
          assert.match(e.code, /^FLOW_(SYNTAX|REFERENCE|SCHEMA)$|^CARD_INPUT$/, `not a flow error: ${String(e)}`)
          assert.equal(e.location?.file, 'mutated.yaml', `no location: ${e.describe()}`)
          assert.ok(e.location.line >= 1 && e.location.col >= 1, e.describe())
          assert.doesNotMatch(e.describe(), NOT_CLEAR)
        }
      }),
      { numRuns: RUNS, seed: SEED },
    )
    assert.equal(({} as Record<string, unknown>).polluted, undefined)
    t.diagnostic(`seed ${SEED}: ${RUNS} mutated flows from ${SEEDS.length} seeds, ${invalid} refused with located errors`)
  })

  it('gives invocations or an InputError for any test input, never another exception', (t) => {
    const triggers = [
      planOf(SEEDS.find((s) => s.includes('okta.userProfileUpdated'))!).trigger,
      planOf(SEEDS.find((s) => s.includes('okta.userUnassignedFromApplication'))!).trigger,
      planOf(SEEDS.find((s) => s.includes('http.apiEndpoint'))!).trigger,
    ]
    const base = envelope('in-1', [profileEvent('in-ev', '2026-11-20T10:00:00Z'), unassignEvent('in-ev2', '2026-11-20T10:00:01Z', 'Salesforce')])
    const wrongField = fc
      .tuple(fc.constantFrom('eventId', 'data', 'events', 'uuid', 'eventType', 'published', 'target', 'actor', 'debugContext', '__proto__'), fc.jsonValue())
      .map(([field, value]) => JSON.parse(JSON.stringify(base).replace(new RegExp(`"${field}":`), () => `"${field}":${JSON.stringify(value)},"was":`)))
    const inputs = fc.oneof(fc.jsonValue(), wrongField, fc.constant(base.data.events), fc.constant(base.data.events[0]))
    let thrown = 0
    fc.assert(
      fc.property(fc.constantFrom(...triggers), inputs, (trigger, input) => {
        try {
          for (const inv of invocationsFromInput(trigger, input)) {
            if (inv.kind === 'run') assert.equal(typeof inv.outputs, 'object', 'a run gets the trigger outputs')
            else assert.match(inv.reason, /\S/, 'a skipped event says why')
          }
        } catch (err) {
          thrown++
          assert.ok(err instanceof CardflowError, `threw ${String(err)} for ${JSON.stringify(input).slice(0, 200)}`)
          assert.doesNotMatch(err.message, NOT_CLEAR)
        }
      }),
      { numRuns: RUNS, seed: SEED },
    )
    t.diagnostic(`seed ${SEED}: ${RUNS} test inputs, ${thrown} refused with an InputError`)
  })
})
