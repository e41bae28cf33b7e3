/**
 * A delivery's runs go straight to free workers: stored claimed with the delivery and run
 * without a claim from the queue. Due runs already queued go first: while any may wait, new
 * runs are queued behind them. A delivery that finds every worker busy waits for one, within a
 * bound, before it is stored. The store is the real SQLite store; the calls to its queue are
 * counted by a thin wrapper around it; Slack is a fake on loopback that holds a call open.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { loadConnections } from '../../connectors/index.ts'
import { openStore, type Store } from '../../store/index.ts'
import { type FakeSlack, SLACK_TOKEN, startFakeSlack } from '../fakes/index.ts'
import { HANG_MS } from '../wait.ts'
import { deliver, type EngineOptions, envelope, profileEvent, type Running, startEngine, waitFor } from './helpers.ts'

const SLACK_FLOWS = fileURLToPath(new URL('../fixtures/server/slack-flows/', import.meta.url))

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

  const start = async (concurrency: number, opts: EngineOptions = {}) => {
    dir = mkdtempSync(join(tmpdir(), 'cardflow-handoff-'))
    const counted = counting(await openStore(dir))
    s = await startEngine({ store: counted.store, dataDir: dir, concurrency, pollMs: 60_000, ...opts })
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
  describe('when every worker is busy', () => {
    let slack: FakeSlack
    let release: () => void = () => undefined
    beforeEach(async () => {
      slack = await startFakeSlack()
      // the first run's Slack call is held open: its worker stays busy until the test releases it
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      slack.failNext({ kind: 'hold', until: held })
    })
    afterEach(async () => {
      release()
      await s?.close()
      s = undefined
      await slack.close()
    })
    /** One worker, busy with the first delivery's run, and a second delivery sent (not yet answered). */
    const busy = async (workerWaitMs: number) => {
      const connections = loadConnections({ env: { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slack.url } })
      const counted = await start(1, { flowsDir: SLACK_FLOWS, connections, workerWaitMs })
      assert.equal((await deliver(s!.url, envelope('busy-1', [profileEvent('b-1', '2026-11-20T10:00:01Z')]))).status, 200)
      await waitFor(() => slack.calls('chat.postMessage').length === 1, 'the first run to call Slack')
      const second = deliver(s!.url, envelope('busy-2', [profileEvent('b-2', '2026-11-20T10:00:02Z')]))
      return { counted, second }
    }
    const waitingDeliveries = async (url: string) => {
      const text = await (await fetch(`${url}/metrics`)).text()
      return Number(/^cardflow_deliveries_waiting (\d+)$/m.exec(text)?.[1])
    }
    const storedUuids = async (store: Store) => (await store.listRuns({ limit: 100 })).map((r) => r.eventUuid).sort()

    it('stores a delivery only when a worker frees, and hands its run over without the queue', async () => {
      // a wait longer than the test: only the worker's end can answer the second delivery
      const { counted, second } = await busy(HANG_MS)
      await waitFor(async () => (await waitingDeliveries(s!.url)) === 1, 'the second delivery to wait for the worker')
      assert.deepEqual(await storedUuids(s!.engine.store), ['b-1'], 'a waiting delivery is not stored yet')
      release()
      assert.equal((await second).status, 200)
      await finished(await runIdsOf(['b-1', 'b-2']))
      assert.deepEqual(counted.claimedFromQueue, [], 'no run went through the queue')
      assert.equal(await waitingDeliveries(s!.url), 0)
      assert.equal(slack.calls('chat.postMessage').length, 2)
    })

    it('queues the runs of a delivery whose wait runs out, answers it, and runs them once the worker frees', async () => {
      const { counted, second } = await busy(20)
      // the first run still holds the only worker: the answer came from the wait's end
      assert.equal((await second).status, 200)
      const [queued] = await runIdsOf(['b-2'])
      assert.equal((await s!.engine.store.getRun(queued!))?.status, 'queued')
      release()
      await finished(await runIdsOf(['b-1', 'b-2']))
      assert.deepEqual(counted.claimedFromQueue, [queued])
    })

    it('stores a waiting delivery queued when the engine stops, for the next start', async () => {
      const { second } = await busy(HANG_MS)
      await waitFor(async () => (await waitingDeliveries(s!.url)) === 1, 'the second delivery to wait for the worker')
      const stopping = s!.close()
      s = undefined
      assert.equal((await second).status, 200, 'answered once stored, while the first run still runs')
      release()
      await stopping
      const store = await openStore(dir!)
      try {
        const runs = await store.listRuns({ limit: 100 })
        assert.deepEqual(runs.map((r) => [r.eventUuid, r.status]).sort(), [
          ['b-1', 'succeeded'],
          ['b-2', 'queued'],
        ])
      } finally {
        await store.close()
      }
    })
  })
})
