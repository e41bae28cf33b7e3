/**
 * `flow serve` on a shared PostgreSQL store: it leaves other engines' claims to their leases
 * (no reset at start), wakes on runs enqueued elsewhere without waiting for a poll, answers 503
 * and fails /readyz while the database is unreachable, and `flow history` and `flow replay`
 * work with `--store postgres://…` and CARDFLOW_STORE.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { openStore, type Store } from '../../store/index.ts'
import { flowCli } from '../helpers.ts'
import { freshSchema, PG_SKIP, relayToPostgres, type TestSchema } from '../postgres.ts'
import { CLIENT_TOKEN, deliver, envelope, profileEvent, type Running, startEngine, waitFor } from './helpers.ts'

describe('flow serve on PostgreSQL', { skip: PG_SKIP }, () => {
  const schemas: TestSchema[] = []
  const cleanup: (() => Promise<unknown>)[] = []
  const fresh = () => {
    const s = freshSchema('srv')
    schemas.push(s)
    return s
  }
  const engine = async (url: string, opts: Parameters<typeof startEngine>[0] = {}): Promise<Running> => {
    const running = await startEngine({ store: await openStore(url), ...opts })
    cleanup.push(() => running.close())
    return running
  }
  const handle = async (url: string): Promise<Store> => {
    const store = await openStore(url)
    cleanup.push(() => store.close())
    return store
  }
  after(async () => {
    for (const c of cleanup.reverse()) await c()
    for (const s of schemas) await s.drop()
  })

  it("leaves another engine's claim to its lease at start, then takes the run over", async () => {
    const place = fresh()
    const intake = await engine(place.url(), { concurrency: 0 })
    const events = [profileEvent('pg-a', '2026-11-20T10:00:00Z'), profileEvent('pg-b', '2026-11-20T10:00:01Z')]
    assert.equal((await deliver(intake.url, envelope('pg-claims', events))).status, 200)
    // another engine holds the first run for ten minutes
    const other = await handle(place.url())
    const [held] = await other.claimRuns(1, 10 * 60_000)
    assert.equal(held?.eventUuid, 'pg-a')

    const worker = await engine(place.url(), { concurrency: 2 })
    const store = worker.engine.store
    await waitFor(async () => (await store.listRuns({ status: 'succeeded' })).length === 1, 'the free run to finish')
    const untouched = await store.getRun(held!.id)
    assert.deepEqual([untouched?.status, untouched?.attempts], ['running', 1], 'the held run was not taken back at start')

    // the other engine froze past its lease: this one takes the run over
    assert.equal(await other.extendLease(held!, -1), true)
    const done = await waitFor(async () => {
      const r = await store.getRun(held!.id)
      return r?.status === 'succeeded' && r
    }, 'the run to be taken over')
    assert.equal(done.attempts, 2)
    assert.equal(await other.finishRun(held!, done.record!), false, 'the frozen engine cannot record it any more')
  })

  it('wakes on work enqueued elsewhere without polling, and history and replay read the same store', async () => {
    const place = fresh()
    const url = place.url()
    // a poll once an hour: only a notification can start the replayed run in time
    const served = await engine(url, { concurrency: 2, pollMs: 3_600_000 })
    assert.equal((await deliver(served.url, envelope('pg-wake', [profileEvent('pg-w', '2026-11-20T10:00:00Z')]))).status, 200)
    const [first] = await waitFor(async () => {
      const runs = await served.engine.store.listRuns({ status: 'succeeded' })
      return runs.length === 1 && runs
    }, 'the delivered run')

    const replayed = await flowCli(['replay', first!.id, '--store', url])
    assert.equal(replayed.code, 0, replayed.err)
    const replayId = replayed.out.trim()
    await waitFor(async () => (await served.engine.store.getRun(replayId))?.status === 'succeeded', 'the replay, woken by a notification')

    const [listed, shown, missing] = await Promise.all([
      flowCli(['history', '--json', '--store', url]),
      flowCli(['history', replayId, '--json'], { CARDFLOW_STORE: url }),
      flowCli(['history', '--store', freshSchema('none').url()]),
    ])
    assert.equal(listed.code, 0, listed.err)
    assert.deepEqual((JSON.parse(listed.out) as { id: string }[]).map((r) => r.id), [replayId, first!.id])
    assert.equal(shown.code, 0, shown.err)
    const run = JSON.parse(shown.out) as { replayOf: string; event: { uuid: string }; status: string }
    assert.deepEqual([run.replayOf, run.event.uuid, run.status], [first!.id, 'pg-w', 'succeeded'])
    assert.equal(missing.code, 2)
    assert.match(missing.err, /no cardflow store in postgres:/)
  })

  it('fails /readyz and answers 503 while the database is unreachable, and recovers', async () => {
    const place = fresh()
    const relay = await relayToPostgres()
    cleanup.push(() => relay.close())
    const served = await engine(relay.url(place.url({ statement_timeout: 1000 })), { concurrency: 1 })
    assert.equal((await fetch(`${served.url}/readyz`)).status, 200)
    await relay.cut()
    const ready = await fetch(`${served.url}/readyz`)
    assert.equal(ready.status, 503)
    assert.match(((await ready.json()) as { store: string }).store, /store cannot reach the database/)
    assert.equal((await deliver(served.url, envelope('pg-down', [profileEvent('pg-d', '2026-11-20T10:00:00Z')]))).status, 503)
    const api = await fetch(`${served.url}/api/flows/queue-async/invoke`, { method: 'POST', headers: { 'x-api-client-token': CLIENT_TOKEN } })
    assert.equal(api.status, 503)
    await relay.restore()
    await waitFor(async () => (await fetch(`${served.url}/readyz`)).status === 200, '/readyz to pass again')
    assert.equal((await deliver(served.url, envelope('pg-down', [profileEvent('pg-d', '2026-11-20T10:00:00Z')]))).status, 200)
    await waitFor(async () => (await served.engine.store.listRuns({ status: 'succeeded' })).length === 1, 'the retried delivery to run')
  })
})
