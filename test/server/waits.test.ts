/**
 * Waits under `flow serve`: a Wait For run is stored `waiting` (no worker holds it), resumes when
 * due without sending again what it sent before, and survives a stop and a start of the engine on
 * the same store, ending exactly once; a paused run goes on through its Resume URL. On SQLite
 * and on PostgreSQL.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { loadConnections } from '../../connectors/index.ts'
import type { ConnectionProvider } from '../../engine/connector-call.ts'
import { openStore, type StoredRun } from '../../store/index.ts'
import { DB_FILE } from '../../store/sqlite.ts'
import { type FakeHttpApi, startFakeHttpApi } from '../fakes/index.ts'
import { flowCli } from '../helpers.ts'
import { admin, freshSchema, PG_SKIP, type TestSchema } from '../postgres.ts'
import { type EngineOptions, type Running, startEngine, waitFor } from './helpers.ts'

const FLOWS = fileURLToPath(new URL('../fixtures/server/wait-flows/', import.meta.url))
const TOKEN = 'client-token-wait-5c0a9e'
const JSON_HEADERS = { 'content-type': 'application/json', 'x-api-client-token': TOKEN }

/** Where the engines of one test keep their state, opened again by each engine started on it. */
interface Place {
  options(): Promise<EngineOptions>
  /** Time passes: the stored wait of the run is due now, as it would be once its hour is over. */
  makeDue(runId: string): Promise<void>
  /** `--store` / `--data` flags for the CLI. */
  cliFlags(): string[]
}

function waitsSuite(name: string, skip: string | false, newPlace: () => Place, cleanup: () => Promise<void>): void {
  describe(`waits under flow serve (${name})`, { skip }, () => {
    let api: FakeHttpApi
    let connections: ConnectionProvider
    const engines: Running[] = []
    before(async () => {
      api = await startFakeHttpApi()
      connections = loadConnections({ env: { CARDFLOW_HTTP_AUTH: 'none', CARDFLOW_HTTP_BASE_URL: api.origin, CARDFLOW_HTTP_ALLOW_PRIVATE_NETWORK: 'true' }, policy: { backoffMs: 1 } })
    })
    after(async () => {
      for (const e of engines) await e.close()
      await api?.close()
      await cleanup()
    })
    const start = async (place: Place): Promise<Running> => {
      const running = await startEngine({
        ...(await place.options()),
        flowsDir: FLOWS,
        connections,
        clientTokens: { 'wait-then-post': TOKEN, 'wait-sync': TOKEN, approve: TOKEN, 'approve-raw': TOKEN },
      })
      engines.push(running)
      return running
    }
    const stop = async (running: Running) => {
      engines.splice(engines.indexOf(running), 1)
      await running.close()
    }
    const sentTo = (path: string, id: string) => api.requests.filter((r) => r.path === path && (r.json as { id?: string } | undefined)?.id === id)
    const ended = (s: Running, runId: string) =>
      waitFor(async () => {
        const r = await s.engine.store.getRun(runId)
        return (r?.status === 'succeeded' || r?.status === 'failed') && r
      }, `run ${runId} to end`)
    const card = (run: StoredRun, id: string) => run.record!.cards.find((c) => c.id === id)!
    const invoke = async (s: Running, slug: string, body: unknown): Promise<Response> =>
      fetch(`${s.url}/api/flows/${slug}/invoke`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) })

    it('stores a Wait For run as waiting and resumes it when due, without sending again what it sent before', async () => {
      const s = await start(newPlace())
      const res = await invoke(s, 'wait-then-post', { id: 'short', seconds: 1 })
      assert.equal(res.status, 202)
      const { runId } = (await res.json()) as { runId: string }
      const run = await ended(s, runId)
      assert.equal(run.status, 'succeeded', JSON.stringify(run.record?.error))
      // the second attempt took the first's outputs: the wait ended one attempt and began another
      assert.equal(run.attempts, 2)
      assert.equal(card(run, 'before').resumed, true)
      assert.ok(card(run, 'pause').waitUntil)
      assert.equal(card(run, 'after').status, 'succeeded')
      assert.equal(sentTo('/echo/before', 'short').length, 1)
      assert.equal(sentTo('/echo/after', 'short').length, 1)
      const metrics = await (await fetch(`${s.url}/metrics`)).text()
      assert.match(metrics, /cardflow_runs_total\{flow="wait-then-post",status="waiting"\} 1\n/)
      // the resumed card did not run again, so its time is not counted again
      assert.match(metrics, /cardflow_card_duration_seconds_count\{card="http.post"\} 2\n/)
    })

    it('keeps a waiting run across a stop and a start of the engine, and ends it exactly once', async () => {
      const place = newPlace()
      const first = await start(place)
      const res = await invoke(first, 'wait-then-post', { id: 'restart', seconds: 3600 })
      const { runId } = (await res.json()) as { runId: string }
      const waiting = await waitFor(async () => {
        const r = await first.engine.store.getRun(runId)
        return r?.status === 'waiting' && r
      }, 'the run to wait')
      assert.equal(waiting.record?.waitingCard, 'pause')
      const until = Date.parse(waiting.waitUntil!)
      assert.ok(until > Date.now() + 3_000_000, `due in about an hour, not ${waiting.waitUntil}`)
      assert.equal((await first.engine.store.stats()).waiting, 1)
      assert.match(await (await fetch(`${first.url}/metrics`)).text(), /cardflow_queue_depth\{state="waiting"\} 1\n/)
      const listed = await flowCli(['history', '--status', 'waiting', ...place.cliFlags()])
      assert.equal(listed.code, 0, listed.err)
      assert.match(listed.out, new RegExp(`waiting\\s+wait-then-post\\s+${runId}  until ${waiting.waitUntil}`))
      await stop(first)

      await place.makeDue(runId)
      const second = await start(place)
      const run = await ended(second, runId)
      assert.equal(run.status, 'succeeded', JSON.stringify(run.record?.error))
      assert.equal(card(run, 'before').resumed, true)
      assert.equal(sentTo('/echo/before', 'restart').length, 1, 'the card before the wait sent once')
      assert.equal(sentTo('/echo/after', 'restart').length, 1, 'the card after the wait sent once')
      assert.equal(run.attempts, 2)
    })

    it('resumes a paused run through its Resume URL with the body as the Pause outputs, once', async () => {
      const place = newPlace()
      const s = await start(place)
      const asked = await invoke(s, 'approve', { id: 'req-9' })
      // the caller is answered by Pause at once, with the run id to resume
      assert.equal(asked.status, 200)
      assert.deepEqual(await asked.json(), { status: 'pending', id: 'req-9' })
      const runId = asked.headers.get('x-cardflow-run-id')!
      const paused = await waitFor(async () => {
        const r = await s.engine.store.getRun(runId)
        return r?.status === 'waiting' && r
      }, 'the run to pause')
      assert.equal(paused.waitUntil, undefined)
      const shown = await flowCli(['history', runId, ...place.cliFlags()])
      assert.equal(shown.code, 0, shown.err)
      assert.match(shown.out, /^approve {2}waiting {2}until resumed \(paused\)/)
      assert.match(shown.out, /paused: until a resume request \(card "ask"\)/)
      const resumeUrl = `${s.url}/api/flows/approve/resume/${encodeURIComponent(runId)}`
      const post = (url: string, headers: Record<string, string>, body: unknown) => fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })

      assert.equal((await post(resumeUrl, { 'content-type': 'application/json' }, { approved: true })).status, 401)
      assert.equal((await post(resumeUrl, { ...JSON_HEADERS, 'x-api-client-token': 'wrong' }, { approved: true })).status, 401)
      assert.equal((await post(`${s.url}/api/flows/approve/resume/no-such-run`, JSON_HEADERS, {})).status, 404)
      // the same run under another flow's URL (and token) is unknown there
      assert.equal((await post(`${s.url}/api/flows/wait-then-post/resume/${runId}`, JSON_HEADERS, {})).status, 404)
      assert.equal((await fetch(resumeUrl, { method: 'POST', headers: JSON_HEADERS, body: '{broken' })).status, 400)

      const resumed = await fetch(`${resumeUrl}?clientToken=${TOKEN}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ approved: true }) })
      assert.equal(resumed.status, 200)
      assert.deepEqual(await resumed.json(), { id: 'req-9', approved: true })
      const again = await post(resumeUrl, JSON_HEADERS, { approved: false })
      assert.equal(again.status, 409)
      assert.match(((await again.json()) as { error: string }).error, /not paused: it is succeeded/)

      const run = await ended(s, runId)
      assert.equal(run.status, 'succeeded')
      assert.deepEqual(card(run, 'ask').outputs, { approved: true })
      assert.doesNotMatch(JSON.stringify(run), new RegExp(TOKEN), 'the client token of the resume request is not stored')
    })

    it('answers 409 to a resume request for a run that waits for a time, not a request', async () => {
      const s = await start(newPlace())
      const { runId } = (await (await invoke(s, 'wait-then-post', { id: 'timed', seconds: 3600 })).json()) as { runId: string }
      await waitFor(async () => (await s.engine.store.getRun(runId))?.status === 'waiting', 'the run to wait')
      const res = await fetch(`${s.url}/api/flows/wait-then-post/resume/${runId}`, { method: 'POST', headers: JSON_HEADERS, body: '{}' })
      assert.equal(res.status, 409)
      assert.match(((await res.json()) as { error: string }).error, /not paused: it waits until /)
      assert.equal((await s.engine.store.getRun(runId))?.status, 'waiting')
    })

    it('answers the caller of a sync flow that waits for a time with 202 and the due time', async () => {
      const s = await start(newPlace())
      const res = await invoke(s, 'wait-sync', {})
      assert.equal(res.status, 202)
      const body = (await res.json()) as { runId: string; status: string; waitUntil: string }
      assert.equal(body.status, 'waiting')
      assert.equal(res.headers.get('x-cardflow-run-id'), body.runId)
      const stored = await s.engine.store.getRun(body.runId)
      assert.deepEqual([stored?.status, stored?.waitUntil], ['waiting', body.waitUntil])
    })

    it('resumes a Pause Raw run of an async flow with the request headers and body as its outputs', async () => {
      const s = await start(newPlace())
      const { runId } = (await (await invoke(s, 'approve-raw', {})).json()) as { runId: string }
      await waitFor(async () => (await s.engine.store.getRun(runId))?.status === 'waiting', 'the run to pause')
      const res = await fetch(`${s.url}/api/flows/approve-raw/resume/${runId}`, {
        method: 'POST',
        headers: { ...JSON_HEADERS, 'x-decided-by': 'ann' },
        body: JSON.stringify({ decision: 'yes' }),
      })
      assert.equal(res.status, 202)
      assert.deepEqual(await res.json(), { runId })
      const run = await ended(s, runId)
      assert.equal(run.status, 'succeeded', JSON.stringify(run.record?.error))
      const sent = api.requests.filter((r) => r.path === '/echo/decision').map((r) => r.json)
      assert.deepEqual(sent, [{ decision: 'yes', from: 'ann' }])
      assert.equal((card(run, 'ask').outputs.Headers as Record<string, string>)['x-api-client-token'], undefined)
    })
  })
}

const dirs: string[] = []
waitsSuite(
  'SQLite',
  false,
  () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cardflow-waits-'))
    dirs.push(dataDir)
    return {
      options: async () => ({ dataDir }),
      async makeDue(runId) {
        const db = new Database(join(dataDir, DB_FILE))
        try {
          db.prepare('UPDATE runs SET due_at = ? WHERE id = ?').run(Date.now(), runId)
        } finally {
          db.close()
        }
      },
      cliFlags: () => ['--data', dataDir],
    }
  },
  async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  },
)

const schemas: TestSchema[] = []
waitsSuite(
  'PostgreSQL',
  PG_SKIP,
  () => {
    const place = freshSchema('waits')
    schemas.push(place)
    return {
      async options() {
        return { store: await openStore(place.url()) }
      },
      async makeDue(runId) {
        await admin((c) => c.query(`UPDATE "${place.schema}".runs SET due_at = now() WHERE id = $1`, [runId]))
      },
      cliFlags: () => ['--store', place.url()],
    }
  },
  async () => {
    for (const s of schemas) await s.drop()
  },
)
