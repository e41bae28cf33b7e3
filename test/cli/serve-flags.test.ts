/**
 * The flags `flow serve --help` documents, each on a real `flow serve` process, checked by what
 * it does: history pruned at start (--keep, --keep-runs), the web UI's credentials (--ui-token,
 * --ui-public, CARDFLOW_UI_USER/PASSWORD), --public-hooks, --connections, --log-level, --host.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import type { RunRecord } from '../../engine/history.ts'
import { openStore } from '../../store/index.ts'
import { DB_FILE } from '../../store/sqlite.ts'
import { SLACK_TOKEN, startFakeSlack } from '../fakes/index.ts'
import { flowCli } from '../helpers.ts'
import { killServers, type Served, serveChild, withStore } from '../reliability/helpers.ts'
import { deliver, envelope, FLOWS, HOOK_SECRET, profileEvent, waitFor } from '../server/helpers.ts'

const SLACK_FLOWS = join(FLOWS, '../slack-flows')
const SECRET_ENV = { OKTA_HOOK_SECRET: HOOK_SECRET }

const dirs: string[] = []
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cardflow-serve-flags-'))
  dirs.push(d)
  return d
}
/** Starts `flow serve` on a data directory with these flags. */
const serve = (data: string, env: Record<string, string>, flags: string[], flows = FLOWS): Promise<Served> => serveChild(flows, data, env, flags)
async function stop(served: Served): Promise<void> {
  served.child.kill('SIGTERM')
  assert.equal(await served.exited, 0, served.lines.join('\n'))
}
after(async () => {
  await killServers()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const logged = (served: Served, msg: string) => waitFor(() => served.lines.map((l) => (l.startsWith('{') ? JSON.parse(l) : {})).find((l) => l.msg === msg), `the log line "${msg}"`)

function finished(id: string): RunRecord {
  return { runId: id, flow: 'profile-note', flowFile: 'profile-note.yaml', status: 'succeeded', startedAt: new Date().toISOString(), durationMs: 1, dryRun: false, trigger: { id: 't', card: 'okta.userProfileUpdated', outputs: {} }, cards: [], outbound: [] }
}

/** A store holding five finished runs (the first finished two days ago) and one still queued. */
async function storeWithHistory(): Promise<string> {
  const data = tempDir()
  const ids = ['done-old', 'done-1', 'done-2', 'done-3', 'done-4', 'waiting']
  const store = await openStore(data)
  try {
    for (const [i, id] of ids.entries()) {
      const event = { uuid: `ev-${id}`, eventType: 'user.account.update_profile', published: '2026-11-20T10:00:00Z', raw: {} }
      await store.acceptDelivery({ eventId: `d-${i}`, receivedAt: new Date(), events: [event] }, [{ id, flow: 'profile-note', source: 'event', eventUuid: event.uuid, input: {} }])
    }
    for (const claim of await store.claimRuns(5, 60_000)) await store.finishRun(claim, finished(claim.id))
  } finally {
    await store.close()
  }
  const db = new Database(join(data, DB_FILE))
  db.prepare('UPDATE runs SET finished_at = ? WHERE id = ?').run(Date.now() - 2 * 86_400_000, 'done-old')
  db.close()
  return data
}
const runIds = (data: string) => withStore(data, async (store) => (await store.listRuns({ limit: 100 })).map((r) => r.id).sort())

describe('flow serve --keep and --keep-runs', () => {
  it('prunes finished runs older than --keep when it starts, never queued ones', async () => {
    const data = await storeWithHistory()
    const served = await serve(data, SECRET_ENV, ['--concurrency', '0', '--keep', '1d', '--keep-runs', '100'])
    assert.equal((await logged(served, 'pruned old history')).runs, 1)
    await stop(served)
    assert.deepEqual(await runIds(data), ['done-1', 'done-2', 'done-3', 'done-4', 'waiting'])
  })

  it('keeps at most --keep-runs finished runs, the newest', async () => {
    const data = await storeWithHistory()
    const served = await serve(data, SECRET_ENV, ['--concurrency', '0', '--keep', '30d', '--keep-runs', '2'])
    assert.equal((await logged(served, 'pruned old history')).runs, 3)
    await stop(served)
    assert.deepEqual(await runIds(data), ['done-3', 'done-4', 'waiting'])
  })

  it('refuses a --keep that is not a duration and a --keep-runs below 1', async () => {
    const bad = await flowCli(['serve', '--data', tempDir(), '--port', '0', '--keep', 'forever'], SECRET_ENV)
    assert.equal(bad.code, 2)
    assert.match(bad.err, /--keep must be a duration like 30m, 24h or 30d \(got "forever"\)/)
    const none = await flowCli(['serve', '--data', tempDir(), '--port', '0', '--keep-runs', '0'], SECRET_ENV)
    assert.equal(none.code, 2)
    assert.match(none.err, /--keep-runs must be a whole number of at least 1 \(got "0"\)/)
  })
})

describe('flow serve --worker-wait', () => {
  it('refuses a wait that is not a whole number of milliseconds, or longer than Okta leaves to store a delivery', async () => {
    for (const [value, message] of [
      ['2001', /--worker-wait must be a whole number from 0 to 2000 \(got "2001"\)/],
      ['250ms', /--worker-wait must be a whole number from 0 to 2000 \(got "250ms"\)/],
    ] as const) {
      const bad = await flowCli(['serve', '--data', tempDir(), '--port', '0', '--worker-wait', value], SECRET_ENV)
      assert.equal(bad.code, 2)
      assert.match(bad.err, message)
    }
  })
})

describe('flow serve web UI flags', () => {
  const get = (served: Served, path: string, headers: Record<string, string> = {}) => fetch(`${served.url}${path}`, { headers, redirect: 'manual' })

  it('--ui-token opens the web UI to that bearer token only', async () => {
    const served = await serve(tempDir(), SECRET_ENV, ['--ui-token', 'flag-ui-token-7f3a'])
    assert.equal((await get(served, '/ui/runs', { authorization: 'Bearer flag-ui-token-7f3a' })).status, 200)
    assert.equal((await get(served, '/ui/runs', { authorization: 'Bearer flag-ui-token-7f3b' })).status, 303)
    assert.equal((await get(served, '/ui/runs')).status, 303)
    await stop(served)
  })

  it('--ui-public serves it to anyone, with a warning in the log', async () => {
    const served = await serve(tempDir(), SECRET_ENV, ['--ui-public'])
    assert.equal((await get(served, '/ui/runs')).status, 200)
    assert.ok(served.lines.some((l) => l.includes('"level":40') && l.includes('public')), 'the log warns that the UI is public')
    await stop(served)
  })

  it('without either, CARDFLOW_UI_USER and CARDFLOW_UI_PASSWORD ask for basic credentials; one alone is refused', async () => {
    const served = await serve(tempDir(), { ...SECRET_ENV, CARDFLOW_UI_USER: 'admin', CARDFLOW_UI_PASSWORD: 'correct horse' }, [])
    const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` })
    assert.equal((await get(served, '/ui/runs', basic('correct horse'))).status, 200)
    assert.equal((await get(served, '/ui/runs', basic('wrong horse'))).status, 401)
    await stop(served)
    const half = await flowCli(['serve', '--data', tempDir(), '--port', '0'], { ...SECRET_ENV, CARDFLOW_UI_USER: 'admin' })
    assert.equal(half.code, 2)
    assert.match(half.err, /set both CARDFLOW_UI_USER and CARDFLOW_UI_PASSWORD/)
  })

  it('mounts no web UI without a credential', async () => {
    const served = await serve(tempDir(), SECRET_ENV, [])
    assert.equal((await get(served, '/ui/runs')).status, 404)
    await stop(served)
  })
})

describe('flow serve intake and connection flags', () => {
  it('--public-hooks takes deliveries without a secret header', async () => {
    const data = tempDir()
    const served = await serve(data, {}, ['--public-hooks', '--concurrency', '0'])
    const res = await deliver(served.url, envelope('open-1', [profileEvent('open-ev', '2026-11-20T10:00:00Z')]), { authorization: '' })
    assert.equal(res.status, 200)
    await stop(served)
    assert.deepEqual(await withStore(data, async (s) => (await s.listRuns({})).map((r) => r.eventUuid)), ['open-ev'])
  })

  it('--connections gives the hook secret and its header, and the Slack connection the runs use', async () => {
    const slack = await startFakeSlack()
    try {
      const file = join(tempDir(), 'connections.yaml')
      // the file names environment variables as ${NAME}, as a user's file would
      const ref = (name: string) => `$${'{'}${name}}`
      writeFileSync(file, `hooks:\n  okta:\n    secret: ${ref('FILE_HOOK_SECRET')}\n    header: X-Okta-Secret\nslack:\n  default:\n    token: ${ref('FILE_SLACK_TOKEN')}\n    apiUrl: ${ref('FILE_SLACK_URL')}\n`)
      const env = { FILE_HOOK_SECRET: 'file-hook-secret-91c2', FILE_SLACK_TOKEN: SLACK_TOKEN, FILE_SLACK_URL: slack.url }
      const served = await serve(tempDir(), env, ['--connections', file], SLACK_FLOWS)
      const body = envelope('file-1', [profileEvent('file-ev', '2026-11-20T10:00:00Z', 'email')])
      assert.equal((await deliver(served.url, body, { authorization: '', 'x-okta-secret': 'wrong' })).status, 401)
      assert.equal((await deliver(served.url, body, { authorization: '', 'x-okta-secret': 'file-hook-secret-91c2' })).status, 200)
      const [post] = await slack.waitForCalls('chat.postMessage', 1)
      assert.equal(post?.form?.get('text'), '00u-file-ev changed email')
      await stop(served)
    } finally {
      await slack.close()
    }
  })

  it('--log-level debug logs why an event does not fire a flow; the default level does not', async () => {
    const quiet = await serve(tempDir(), SECRET_ENV, [])
    const loud = await serve(tempDir(), SECRET_ENV, ['--log-level', 'debug'])
    for (const s of [quiet, loud]) assert.equal((await deliver(s.url, envelope('lv-1', [profileEvent('lv-ev', '2026-11-20T10:00:00Z')]))).status, 200)
    const line = await logged(loud, 'event does not fire the flow')
    assert.deepEqual([line.level, line.flow, line.event], [20, 'salesforce-removed', 'lv-ev'])
    await Promise.all([stop(quiet), stop(loud)])
    assert.ok(!quiet.lines.some((l) => l.includes('"level":20')), 'no debug line at the default level')
  })

  it('--host listens on the address given', async () => {
    const served = await serve(tempDir(), SECRET_ENV, ['--host', '127.0.0.2'])
    assert.match(served.url, /^http:\/\/127\.0\.0\.2:\d+$/)
    assert.equal((await fetch(`${served.url}/healthz`)).status, 200)
    await stop(served)
  })
})
