/**
 * The flags `flow --help` documents for validate, test, history and import, each run as the
 * command a user types (a child process), checked by its observable effect.
 */
import assert from 'node:assert/strict'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import type { RunRecord } from '../../engine/history.ts'
import { openStore } from '../../store/index.ts'
import { DB_FILE } from '../../store/sqlite.ts'
import { type FakeSlack, SLACK_TOKEN, startFakeSlack } from '../fakes/index.ts'
import { flowCli, ROOT } from '../helpers.ts'

const dirs: string[] = []
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), `cardflow-${prefix}-`))
  dirs.push(d)
  return d
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const connectors = (name: string) => join(ROOT, 'test/fixtures/connectors', name)

describe('flow validate --connections', () => {
  it('reports a connector card whose named connection the file lacks, at its line', async () => {
    const missing = await flowCli(['validate', '--connections', connectors('connections.yaml'), connectors('slack-channel.yaml')])
    assert.equal(missing.code, 1)
    assert.match(missing.err, /slack-channel\.yaml:\d+:\d+: card "send" \(slack\.sendMessageToChannel\): no slack connection "default"/)
    const ok = await flowCli(['validate', '--connections', connectors('connections.yaml'), connectors('slack-named.yaml')], { OPS_SLACK_TOKEN: 'xoxb-ops-000001' })
    assert.equal(ok.code, 0, ok.err)
    const without = await flowCli(['validate', connectors('slack-channel.yaml')])
    assert.equal(without.code, 0, 'without --connections, connections are not checked')
  })
})

describe('flow test -i, --dry-run and --connections', () => {
  let slack: FakeSlack
  before(async () => {
    slack = await startFakeSlack()
  })
  after(() => slack.close())

  it('records the requests it would send with --dry-run, sending nothing', async () => {
    const r = await flowCli(['test', 'flows/app-unassignment-email.yaml', '-i', 'examples/hook-app-unassigned-salesforce.json', '--dry-run'])
    assert.equal(r.code, 0, r.err)
    assert.match(r.out, /Requests that would be sent:\n {2}email: gmail users\.messages\.send \(recorded\)/)
  })

  it('sends through the named connection of the --connections file', async () => {
    const input = join(tempDir('input'), 'body.json')
    writeFileSync(input, '{}')
    const r = await flowCli(['test', connectors('slack-named.yaml'), '--input', input, '--connections', connectors('connections.yaml'), '--json'], {
      OPS_SLACK_TOKEN: SLACK_TOKEN,
      FAKE_SLACK_URL: slack.url,
    })
    assert.equal(r.code, 0, r.err + r.out)
    assert.equal(JSON.parse(r.out).status, 'succeeded')
    const [post] = slack.calls('chat.postMessage')
    assert.deepEqual([post?.headers.authorization, post?.form?.get('text')], [`Bearer ${SLACK_TOKEN}`, 'hello'])
  })
})

/** A finished run's history, as the worker writes it. */
function record(id: string, flow: string, status: RunRecord['status']): RunRecord {
  return {
    runId: id,
    flow,
    flowFile: `${flow}.yaml`,
    status,
    startedAt: new Date().toISOString(),
    durationMs: 1,
    dryRun: false,
    trigger: { id: 't', card: 'okta.userProfileUpdated', outputs: {} },
    cards: [{ id: 'c', card: 'text.compose', status: 'succeeded', inputs: { text: id }, outputs: { output: id }, durationMs: 1 }],
    outbound: [],
    ...(status === 'failed' && { error: { code: 'CONNECTOR', message: 'slack: chat.postMessage failed: HTTP 500' } }),
    ...(status === 'stopped' && { message: 'nothing to do' }),
  }
}

describe('flow history --flow, --status, --since, --limit', () => {
  const data = tempDir('history')
  // created in this order (newest last); 'old' was created three days ago
  const RUNS: [string, string, RunRecord['status'] | 'queued'][] = [
    ['old', 'alpha', 'succeeded'],
    ['a-ok', 'alpha', 'succeeded'],
    ['a-failed', 'alpha', 'failed'],
    ['b-stopped', 'beta', 'stopped'],
    ['b-failed', 'beta', 'failed'],
    ['b-queued', 'beta', 'queued'],
  ]
  before(async () => {
    const store = await openStore(data)
    try {
      for (const [i, [id, flow]] of RUNS.entries()) {
        const uuid = `ev-${id}`
        const event = { uuid, eventType: 'user.account.update_profile', published: '2026-11-20T10:00:00Z', raw: { uuid } }
        await store.acceptDelivery({ eventId: `d-${i}`, receivedAt: new Date(), events: [event] }, [{ id, flow, source: 'event', eventUuid: uuid, input: {} }])
      }
      for (const claim of await store.claimRuns(RUNS.length - 1, 60_000)) {
        const [, flow, status] = RUNS.find(([id]) => id === claim.id)!
        await store.finishRun(claim, record(claim.id, flow, status as RunRecord['status']))
      }
    } finally {
      await store.close()
    }
    const db = new Database(join(data, DB_FILE))
    db.prepare('UPDATE runs SET created_at = ? WHERE id = ?').run(Date.now() - 3 * 86_400_000, 'old')
    db.close()
  })
  const ids = async (...args: string[]) => {
    const r = await flowCli(['history', '--data', data, '--json', ...args])
    assert.equal(r.code, 0, r.err)
    return (JSON.parse(r.out) as { id: string }[]).map((run) => run.id)
  }

  it('lists every run newest first, and only one flow\'s with --flow', async () => {
    assert.deepEqual(await ids(), ['b-queued', 'b-failed', 'b-stopped', 'a-failed', 'a-ok', 'old'])
    assert.deepEqual(await ids('--flow', 'alpha'), ['a-failed', 'a-ok', 'old'])
  })

  it('lists only the runs with the status asked for, and refuses an unknown one', async () => {
    assert.deepEqual(await ids('--status', 'failed'), ['b-failed', 'a-failed'])
    assert.deepEqual(await ids('--status', 'queued'), ['b-queued'])
    assert.deepEqual(await ids('--status', 'stopped', '--flow', 'alpha'), [])
    const text = await flowCli(['history', '--data', data, '--status', 'failed'])
    assert.match(text.out, /^\S+ {2}failed {5}alpha {2}a-failed {2}CONNECTOR: slack: chat\.postMessage failed: HTTP 500$/m)
    const bad = await flowCli(['history', '--data', data, '--status', 'done'])
    assert.equal(bad.code, 2)
    assert.match(bad.err, /--status must be one of queued, running, succeeded, failed, stopped \(got "done"\)/)
  })

  it('lists only the runs since a duration back or a date', async () => {
    assert.deepEqual(await ids('--since', '24h'), ['b-queued', 'b-failed', 'b-stopped', 'a-failed', 'a-ok'])
    assert.deepEqual(await ids('--since', '7d', '--flow', 'alpha'), ['a-failed', 'a-ok', 'old'])
    assert.deepEqual(await ids('--since', new Date(Date.now() + 3_600_000).toISOString()), [])
    const none = await flowCli(['history', '--data', data, '--since', new Date(Date.now() + 3_600_000).toISOString()])
    assert.equal(none.out, 'no runs\n')
    const bad = await flowCli(['history', '--data', data, '--since', 'last week'])
    assert.equal(bad.code, 2)
    assert.match(bad.err, /--since must be an ISO date and time or a duration like 24h \(got "last week"\)/)
  })

  it('lists at most --limit runs, the newest', async () => {
    assert.deepEqual(await ids('--limit', '2'), ['b-queued', 'b-failed'])
    assert.deepEqual(await ids('--limit', '1', '--status', 'succeeded'), ['a-ok'])
    const bad = await flowCli(['history', '--data', data, '--limit', '0'])
    assert.equal(bad.code, 2)
    assert.match(bad.err, /--limit must be a whole number of at least 1/)
  })

  it('shows one run card by card, and exits 1 for an unknown run', async () => {
    const shown = await flowCli(['history', 'b-stopped', '--data', data])
    assert.equal(shown.code, 0, shown.err)
    assert.match(shown.out, /^beta {2}stopped {2}created \S+ {2}attempts 1 {2}source event$/m)
    const missing = await flowCli(['history', 'no-such-run', '--data', data])
    assert.equal(missing.code, 1)
    assert.match(missing.err, /no run no-such-run in /)
  })
})

describe('flow import -o, --force, --report and --json', () => {
  const FLOPACK = join(ROOT, 'test/fixtures/importer/tiny.flopack')

  it('writes one file per flow, refuses to overwrite them, and overwrites with --force', async () => {
    const out = join(tempDir('import'), 'flows')
    const first = await flowCli(['import', FLOPACK, '-o', out])
    assert.equal(first.code, 0, first.err)
    assert.match(first.err, /2 flow\(s\) written to .*; 1 unsupported card\(s\) kept for you to replace/)
    const greet = join(out, 'greet.yaml')
    const imported = readFileSync(greet, 'utf8')
    writeFileSync(greet, '# edited by hand\n')
    const again = await flowCli(['import', FLOPACK, '-o', out])
    assert.equal(again.code, 2)
    assert.match(again.err, /would overwrite .*greet\.yaml; use --force or another --out folder/)
    assert.equal(readFileSync(greet, 'utf8'), '# edited by hand\n', 'nothing was written')
    const forced = await flowCli(['import', FLOPACK, '-o', out, '--force'])
    assert.equal(forced.code, 0, forced.err)
    assert.equal(readFileSync(greet, 'utf8'), imported)
  })

  it('reports each export of a folder as a table, or as JSON', async () => {
    const folder = tempDir('report')
    mkdirSync(join(folder, 'exports'))
    cpSync(FLOPACK, join(folder, 'exports', 'tiny.flopack'))
    const table = await flowCli(['import', '--report', join(folder, 'exports')])
    assert.equal(table.code, 0, table.err)
    assert.match(table.out, /^tiny +2 +6\/7 +1\/2 +string:base64$/m)
    assert.match(table.out, /^1 exports, 2 flows \(1 validate\), 6\/7 cards supported \(85\.7 %\)$/m)
    const json = await flowCli(['import', '--report', join(folder, 'exports'), '--json'])
    assert.equal(json.code, 0, json.err)
    assert.deepEqual(JSON.parse(json.out), [{ template: 'tiny', flows: 2, cards: 7, supported: 6, unsupported: { 'root:kernel:string:base64': 1 }, valid: 1, problems: [] }])
    const missing = await flowCli(['import', '--report', join(folder, 'nope')])
    assert.equal(missing.code, 2)
    assert.match(missing.err, /nope: no such folder/)
  })
})
