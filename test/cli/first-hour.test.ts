/**
 * What tripped a new user in their first hour, each held by a test: JSON mistakes in plain words,
 * long values shown whole on demand, requests that never left not called sent, test files in
 * `flow validate`, connections named at `flow serve` start, a dry-run server, readable logs.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { formatRun } from '../../cli/format.ts'
import { readJsonFile } from '../../cli/common.ts'
import { InputError } from '../../engine/errors.ts'
import { openStore } from '../../store/index.ts'
import { flowCli, ROOT, runYaml } from '../helpers.ts'
import { deliver, envelope, HOOK_SECRET, profileEvent, waitFor } from '../server/helpers.ts'

const dir = mkdtempSync(join(tmpdir(), 'cardflow-first-hour-'))
after(() => rmSync(dir, { recursive: true, force: true }))
const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

describe('flow test input errors in plain words', () => {
  const cases: [string, string, string][] = [
    ['an unexpected character', '{"Okta User": x}', '1:15: not valid JSON: unexpected character `x` at 1:15'],
    ['a missing closing brace', '{"Okta User": {"ID": "00u1"}', '1:29: not valid JSON: the JSON ends before its closing `}` at 1:29 (the `{` at 1:1)'],
    ['a trailing comma', '{"Changed attributes": "email",}', '1:32: not valid JSON: a comma before `}` at 1:32: JSON allows no trailing comma'],
    ['a key without quotes', '{Actor: {}}', '1:2: not valid JSON: unexpected character `A` at 1:2'],
  ]
  for (const [what, json, expected] of cases) {
    it(`says ${what} and where`, () => {
      const file = write('bad.json', json)
      assert.throws(() => readJsonFile(file), (err: unknown) => err instanceof InputError && err.describe() === `${file}:${expected}`)
    })
  }

  it('exits 2 with the located message, no parser code', async () => {
    const r = await flowCli(['test', 'test/fixtures/cli/profile.yaml', '--input', write('bad2.json', '{"Okta User": x}')])
    assert.equal(r.code, 2)
    assert.match(r.err, /bad2\.json:1:15: not valid JSON: unexpected character `x` at 1:15$/m)
    assert.doesNotMatch(r.err, /InvalidSymbol|CloseBraceExpected|PropertyNameExpected/)
  })
})

describe('text history', () => {
  const long = 'x'.repeat(400)
  const run = async () => (await runYaml(readFileSync(join(ROOT, 'test/fixtures/cli/profile.yaml'), 'utf8'), { 'Changed attributes': long, Actor: { ID: '00uA' }, 'Okta User': { ID: '00uU', 'Alternate ID': 'u@example.com' } }))[0]!

  it('cuts a long value and says how to see it whole', async () => {
    const text = formatRun(await run())
    assert.match(text, /… \[\d+ more characters; --full shows all\]/)
    assert.ok(!text.includes(long))
  })

  it('shows every value whole with --full', async () => {
    const text = formatRun(await run(), { full: true })
    assert.ok(text.includes(long))
    assert.doesNotMatch(text, /--full shows all/)
    const r = await flowCli(['test', 'test/fixtures/cli/profile.yaml', '--input', write('long.json', JSON.stringify({ 'Changed attributes': long, Actor: { ID: '00uA' }, 'Okta User': { ID: '00uU' } })), '--full'])
    assert.equal(r.code, 0, r.err)
    assert.ok(r.out.includes(long), 'flow test --full prints it')
  })

  it('does not list a request that failed before leaving as sent', async () => {
    // no Slack connection is configured: the card fails before anything is sent
    const [failed] = await runYaml(readFileSync(join(ROOT, 'flows/notify-user-on-profile-update.yaml'), 'utf8'), JSON.parse(readFileSync(join(ROOT, 'examples/profile-updated-docs-shape.json'), 'utf8')), {})
    assert.equal(failed?.status, 'failed')
    const text = formatRun(failed!)
    assert.doesNotMatch(text, /Requests sent:/)
    assert.match(text, /Requests not sent \(they failed before leaving\):\n {2}\w+: slack chat\.postMessage \(not sent\)/)
  })
})

describe('flow validate on a folder of flows and test files', () => {
  it('checks *.test.yaml as test files, so the docs\' `flow validate flows/*.yaml` passes', async () => {
    const r = await flowCli(['validate', 'flows/app-unassignment-email.yaml', 'flows/app-unassignment-email.test.yaml', 'flows/notify-user-on-profile-update.test.yaml'])
    assert.equal(r.code, 0, r.err)
    assert.match(r.err, /^3 valid, 0 invalid$/m)
  })

  it('reports a test file\'s own mistake at its line', async () => {
    const bad = write('bad.test.yaml', 'flow: ../../work/nowhere.yaml\ncases: nope\n')
    const r = await flowCli(['validate', bad])
    assert.equal(r.code, 1)
    assert.match(r.err, /bad\.test\.yaml:2:8: "cases" must be a list of cases/)
  })
})

/** Starts `flow serve` on the seed flows with no connection configured, and reads its log lines. */
function serveSeeds(extra: string[]): Promise<{ child: ChildProcess; lines: string[]; url: string; data: string }> {
  const data = mkdtempSync(join(dir, 'data-'))
  const child = spawn(process.execPath, ['bin/flow.js', 'serve', '--flows', 'flows', '--data', data, '--port', '0', '--no-watch', ...extra], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', OKTA_HOOK_SECRET: HOOK_SECRET, CARDFLOW_CONNECTIONS: '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  return new Promise((resolve, reject) => {
    let buffered = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      const parts = buffered.split('\n')
      buffered = parts.pop()!
      for (const line of parts) {
        lines.push(line)
        const url = /listening on (http:\/\/\S+?)"?[,}\s]/.exec(line)?.[1] ?? /listening on (http:\/\/\S+)$/.exec(line)?.[1]
        if (url) resolve({ child, lines, url, data })
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')))
    child.on('exit', (code) => reject(new Error(`flow serve exited ${code}:\n${lines.join('\n')}`)))
  })
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code))
    child.kill('SIGTERM')
  })

describe('flow serve at start', () => {
  it('names each flow\'s missing connection and what to set, in readable lines, and shows them on /readyz', async () => {
    const { child, lines, url } = await serveSeeds(['--log-format', 'pretty'])
    try {
      const slack = lines.find((l) => l.includes('needs connection slack.default'))
      assert.match(slack ?? lines.join('\n'), /^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: flow notify-user-on-profile-update needs connection slack\.default, .*set SLACK_BOT_TOKEN/)
      assert.ok(lines.some((l) => / WARN: flow app-unassignment-email needs connection gmail\.default, .*GMAIL_ACCESS_TOKEN/.test(l)), lines.join('\n'))
      const ready = (await (await fetch(`${url}/readyz`)).json()) as { ready: boolean; connections: Record<string, Record<string, string>> }
      assert.equal(ready.ready, true)
      assert.match(ready.connections['notify-user-on-profile-update']?.['slack.default'] ?? '', /SLACK_BOT_TOKEN/)
    } finally {
      assert.equal(await stop(child), 0)
    }
  })

  it('with --dry-run, records the requests a run would send and ends it green; logs JSON when not on a terminal', async () => {
    const { child, url, data, lines } = await serveSeeds(['--dry-run'])
    try {
      assert.ok(lines.every((l) => l.trim() === '' || l.startsWith('{')), 'JSON lines when stdout is a pipe')
      const res = await deliver(url, envelope('first-run-1', [profileEvent('first-run-ev', '2026-11-20T10:00:00Z')]))
      assert.equal(res.status, 200)
      const store = await openStore(data)
      try {
        const ended = await waitFor(async () => (await store.listRuns({})).find((r) => r.status === 'succeeded' || r.status === 'failed'), 'the run to end')
        assert.equal(ended.status, 'succeeded')
        const record = (await store.getRun(ended.id))?.record
        assert.equal(record?.dryRun, true)
        assert.deepEqual(record?.outbound.map((o) => [o.operation, o.result]), [['chat.postMessage', 'recorded']])
      } finally {
        await store.close()
      }
    } finally {
      assert.equal(await stop(child), 0)
    }
  })
})
