/**
 * A delivery's runs go straight to free workers: stored claimed with the delivery and run
 * without a claim from the queue. Due runs already queued go first: while any may wait, new
 * runs are queued behind them. The store is the real SQLite store; the calls to its queue are
 * counted by a thin wrapper around it.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, it } from 'node:test'
import { openStore, type Store } from '../../store/index.ts'
import { deliver, envelope, profileEvent, type Running, startEngine, waitFor } from './helpers.ts'

interface Counted {
  store: Store
  /** Runs handed out by claimRuns so far. */
  claimedFromQueue: string[]
  /** claimRuns calls answered so far. */
  claims: number
}

/** The store, with what its queue hands out recorded (every call goes to the real store). */
function counting(store: Store): Counted {
  const counted: Counted = { store, claimedFromQueue: [], claims: 0 }
  counted.store = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown
      if (key !== 'claimRuns') return typeof value === 'function' ? value.bind(target) : value
      return async (n: number, leaseMs: number) => {
        const claims = await target.claimRuns(n, leaseMs)
        counted.claims++
        counted.claimedFromQueue.push(...claims.map((c) => c.id))
        return claims
      }
    },
  })
  return counted
}

describe('runs handed to free workers at intake', () => {
  let s: Running | undefined
  let dir: string | undefined
  afterEach(async () => {
    await s?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
    s = undefined
    dir = undefined
  })

  const start = async (concurrency: number) => {
    dir = mkdtempSync(join(tmpdir(), 'cardflow-handoff-'))
    const counted = counting(await openStore(dir))
    s = await startEngine({ store: counted.store, dataDir: dir, concurrency, pollMs: 60_000 })
    // the first claim at start finds the queue empty
    await waitFor(() => counted.claims > 0, 'the first claim')
    return counted
  }
  const finished = (ids: readonly string[]) =>
    waitFor(async () => {
      const runs = await Promise.all(ids.map((id) => s!.engine.store.getRun(id)))
      return runs.every((r) => r?.status === 'succeeded') && runs
    }, `runs ${ids.join(', ')} to succeed`)
  const runIdsOf = async (uuids: string[]) => {
    const runs = await s!.engine.store.listRuns({ limit: 100 })
    return uuids.map((u) => runs.find((r) => r.eventUuid === u)!.id)
  }

  it('runs a delivery on free workers without taking its runs from the queue', async () => {
    const counted = await start(4)
    const uuids = ['h-1', 'h-2', 'h-3']
    const res = await deliver(s!.url, envelope('handoff-1', uuids.map((u, i) => profileEvent(u, `2026-11-20T10:00:0${i}Z`))))
    assert.equal(res.status, 200)
    const runs = await finished(await runIdsOf(uuids))
    assert.deepEqual(runs.map((r) => [r?.attempts, r?.record?.cards[0]?.outputs.output]), [
      [1, '00u-h-1 changed email,title'],
      [1, '00u-h-2 changed email,title'],
      [1, '00u-h-3 changed email,title'],
    ])
    assert.deepEqual(counted.claimedFromQueue, [], 'no run went through the queue')
  })

  it('queues the runs free workers cannot take, and hands runs over again once the queue is found empty', async () => {
    const counted = await start(1)
    const first = ['q-1', 'q-2', 'q-3']
    assert.equal((await deliver(s!.url, envelope('queue-1', first.map((u, i) => profileEvent(u, `2026-11-20T10:00:0${i}Z`))))).status, 200)
    const ids = await runIdsOf(first)
    await finished(ids)
    // one worker: the first run was handed over, the two others were queued and claimed from it
    assert.deepEqual(counted.claimedFromQueue, ids.slice(1))
    // claims: one at start, one per queued run, one that finds the queue empty again; then the
    // next delivery is handed over
    await waitFor(() => counted.claims >= 4, 'a claim that finds the queue empty')
    const before = counted.claims
    assert.equal((await deliver(s!.url, envelope('queue-2', [profileEvent('q-4', '2026-11-20T10:00:04Z')]))).status, 200)
    await finished(await runIdsOf(['q-4']))
    assert.deepEqual(counted.claimedFromQueue, ids.slice(1))
    assert.equal(counted.claims, before, 'a run handed over at intake needs no claim')
  })
})
