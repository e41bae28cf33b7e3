/**
 * The store's behaviour, whatever holds it: every backend runs this suite (see sqlite.test.ts,
 * postgres.test.ts). It speaks only the Store interface: no SQL, no files.
 */
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import type { RunRecord } from '../../engine/history.ts'
import { type Delivery, type NewRun, type Store, StoreUnavailableError } from '../../store/index.ts'
import { HANG_MS } from '../wait.ts'
import { tableRowsCases } from './conformance-tables.ts'

/** A place for one empty store, and a way to open handles on it (two handles act as two engines). */
export interface StoreFixture {
  create(): Promise<{ open(): Promise<Store>; destroy(): Promise<void> }>
}

export const event = (uuid: string) => ({ uuid, eventType: 'user.account.update_profile', published: '2026-11-20T10:00:00Z', raw: { uuid, note: 'raw' } })
export const delivery = (eventId: string, uuids: string[]): Delivery => ({ eventId, receivedAt: new Date(), events: uuids.map(event) })
export const runFor = (uuid: string, flow = 'f'): NewRun => ({ id: `${flow}:${uuid}`, flow, source: 'event', eventUuid: uuid, input: { UUID: uuid } })

export function record(id: string, status: RunRecord['status'], retryable?: boolean): RunRecord {
  return {
    runId: id,
    flow: 'f',
    flowFile: 'f.yaml',
    status,
    startedAt: new Date().toISOString(),
    durationMs: 1,
    dryRun: false,
    trigger: { id: 't', card: 'okta.userProfileUpdated', outputs: {} },
    cards: [],
    outbound: [],
    ...(status === 'failed' && { error: { code: 'CONNECTOR', message: 'slack: 503', ...(retryable !== undefined && { retryable }) } }),
  }
}

/** The record of a run that waits: until `waitUntil` (Wait For, Wait Until), or without it for a resume request (Pause). */
export function waitingRecord(id: string, waitUntil?: Date): RunRecord {
  return { ...record(id, 'waiting'), waitingCard: 'pause', ...(waitUntil && { waitUntil: waitUntil.toISOString() }) }
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + HANG_MS
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

export function storeConformance(name: string, fixture: StoreFixture, skip: string | false = false): void {
  describe(`store conformance: ${name}`, { skip }, () => {
    let place: Awaited<ReturnType<StoreFixture['create']>>
    let store: Store
    beforeEach(async () => {
      place = await fixture.create()
      store = await place.open()
    })
    afterEach(async () => {
      await store.close()
      await place.destroy()
    })

    it('stores a delivery with its runs, and a repeated delivery or event adds nothing', async () => {
      const first = await store.acceptDelivery(delivery('d1', ['e1', 'e2']), [runFor('e1'), runFor('e2'), runFor('e2', 'g')])
      assert.deepEqual(first, { duplicate: false, storedEvents: 2, runIds: ['f:e1', 'f:e2', 'g:e2'] })
      assert.equal((await store.acceptDelivery(delivery('d1', ['e1', 'e2']), [runFor('e1')])).duplicate, true)
      const second = await store.acceptDelivery(delivery('d2', ['e2', 'e3']), [{ ...runFor('e2'), id: 'again' }, runFor('e3')])
      assert.deepEqual(second, { duplicate: false, storedEvents: 1, runIds: ['f:e3'] })
      assert.equal((await store.listRuns({})).length, 4)
      assert.deepEqual((await store.getRun('f:e1'))?.event?.raw, { uuid: 'e1', note: 'raw' })
    })

    it('stores nothing of a delivery when one of its writes fails', async () => {
      // two runs with one id: the second insert fails, and the whole delivery with it
      await assert.rejects(store.acceptDelivery(delivery('d1', ['e1', 'e2']), [runFor('e1'), { ...runFor('e2'), id: 'f:e1' }]), StoreUnavailableError)
      assert.equal((await store.listRuns({})).length, 0)
      assert.equal((await store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])).duplicate, false)
    })

    it('stores the first runs of a delivery claimed by its caller when asked, with their inputs as given', async () => {
      const runs = ['e1', 'e2', 'e3'].map((u) => runFor(u))
      const result = await store.acceptDelivery(delivery('d1', ['e1', 'e2', 'e3']), runs, { claim: { runs: 2, leaseMs: 60_000 } })
      assert.deepEqual(result.runIds, ['f:e1', 'f:e2', 'f:e3'])
      assert.deepEqual(result.claimed?.map((c) => [c.id, c.attempt, c.eventUuid, c.input]), [['f:e1', 1, 'e1', { UUID: 'e1' }], ['f:e2', 1, 'e2', { UUID: 'e2' }]])
      assert.deepEqual((await store.listRuns({})).map((r) => [r.id, r.status, r.attempts]).sort(), [['f:e1', 'running', 1], ['f:e2', 'running', 1], ['f:e3', 'queued', 0]])
      // the queue hands out only the run left queued; the claimed ones end like any claim
      assert.deepEqual((await store.claimRuns(5, 60_000)).map((c) => c.id), ['f:e3'])
      assert.equal(await store.finishRun(result.claimed![0]!, record('f:e1', 'succeeded')), true)
      assert.equal(await store.recordStep(result.claimed![1]!, { key: 'send#1', state: 'intent' }), true)
      // a claim at intake whose lease ran out is taken over like any other (the engine died)
      assert.equal(await store.extendLease(result.claimed![1]!, -1), true)
      assert.deepEqual((await store.claimRuns(5, 60_000)).map((c) => [c.id, c.attempt]), [['f:e2', 2]])
      // a repeated delivery, or one whose events all were stored before, claims nothing
      assert.deepEqual((await store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')], { claim: { runs: 1, leaseMs: 60_000 } })).claimed, [])
      const again = await store.acceptDelivery(delivery('d2', ['e3', 'e4']), [{ ...runFor('e3'), id: 'x' }, runFor('e4')], { claim: { runs: 5, leaseMs: 60_000 } })
      assert.deepEqual(again.claimed?.map((c) => c.id), ['f:e4'])
      assert.equal((await store.acceptDelivery(delivery('d3', ['e5']), [runFor('e5')])).claimed, undefined, 'nothing claimed unless asked')
      assert.equal((await store.getRun('f:e5'))?.status, 'queued')
    })

    it('claims due runs in order under a lease, and a stale claim cannot finish them', async () => {
      await store.acceptDelivery(delivery('d1', ['e1', 'e2', 'e3']), ['e1', 'e2', 'e3'].map((u) => runFor(u)))
      const claimed = await store.claimRuns(2, 60_000)
      assert.deepEqual(claimed.map((c) => [c.id, c.attempt]), [['f:e1', 1], ['f:e2', 1]])
      assert.deepEqual((await store.claimRuns(5, 60_000)).map((c) => c.id), ['f:e3'])
      assert.deepEqual(await store.claimRuns(5, 60_000), [])
      // a lease that ran out makes the run claimable again; the first claim is then stale
      await store.finishRun(claimed[0]!, record('f:e1', 'succeeded'))
      assert.equal((await store.getRun('f:e1'))?.status, 'succeeded')
      assert.equal(await store.extendLease(claimed[1]!, -1), true)
      const [retaken] = await store.claimRuns(1, 60_000)
      assert.deepEqual([retaken?.id, retaken?.attempt], ['f:e2', 2])
      await store.finishRun(claimed[1]!, record('f:e2', 'failed'))
      assert.equal((await store.getRun('f:e2'))?.status, 'running')
      assert.equal(await store.extendLease(claimed[1]!, 60_000), false)
    })

    it('puts a run back for later with its failed attempt', async () => {
      await store.acceptDelivery(delivery('d1', ['e1', 'e2']), [runFor('e1'), runFor('e2')])
      const [a] = await store.claimRuns(2, 60_000)
      assert.equal(await store.retryRunLater(a!, new Date(Date.now() + 3_600_000), record('f:e1', 'failed', true)), true)
      const waiting = await store.getRun('f:e1')
      assert.equal(waiting?.status, 'queued')
      assert.equal(waiting?.record?.error?.retryable, true)
      assert.deepEqual(await store.claimRuns(5, 60_000), [], 'not due before its time')
      assert.deepEqual(await store.stats(), { queued: 1, running: 1, waiting: 0, finished: 0 })
    })

    // --- waits (Wait For, Wait Until, Pause) ---
    it('keeps a waiting run until it is due, then hands it out with where it resumes from', async () => {
      await store.acceptDelivery(delivery('d1', ['e1', 'e2']), [runFor('e1'), runFor('e2')])
      const [later, soon] = await store.claimRuns(2, 60_000)
      const hourAhead = new Date(Date.now() + 3_600_000)
      assert.equal(await store.suspendRun(later!, waitingRecord('f:e1', hourAhead)), true)
      assert.equal(await store.suspendRun(later!, waitingRecord('f:e1', hourAhead)), false, 'a claim that ended cannot store the run again')
      const past = new Date(Date.now() - 1000)
      assert.equal(await store.suspendRun(soon!, waitingRecord('f:e2', past)), true)
      const waiting = await store.getRun('f:e1')
      assert.deepEqual([waiting?.status, waiting?.waitUntil, waiting?.record?.waitingCard, waiting?.finishedAt], ['waiting', hourAhead.toISOString(), 'pause', undefined])
      assert.deepEqual((await store.listRuns({ status: 'waiting' })).map((r) => [r.id, r.waitUntil]), [['f:e2', past.toISOString()], ['f:e1', hourAhead.toISOString()]])
      assert.equal((await store.stats()).waiting, 2)
      // only the run whose time has come is claimed, with the record it stored and the attempt that stored it
      const [resumed, ...others] = await store.claimRuns(5, 60_000)
      assert.deepEqual(others, [])
      assert.deepEqual([resumed?.id, resumed?.attempt, resumed?.resume?.attempt, resumed?.resume?.record.status, resumed?.resume?.sent], ['f:e2', 2, 1, 'waiting', undefined])
      assert.equal(await store.finishRun(resumed!, record('f:e2', 'succeeded')), true)
      // retention never takes a waiting run, however old
      assert.equal(await store.prune({ maxAgeMs: -1, maxRuns: 1 }), 1)
      assert.deepEqual((await store.listRuns({})).map((r) => [r.id, r.status]), [['f:e1', 'waiting']])
      assert.deepEqual(await store.stats(), { queued: 0, running: 0, waiting: 1, finished: 0 })
    })

    it('resumes a paused run once: made due now, or claimed by its caller', async () => {
      await store.acceptDelivery(delivery('d1', ['e1', 'e2']), [runFor('e1'), runFor('e2')])
      const [a, b] = await store.claimRuns(2, 60_000)
      assert.equal(await store.suspendRun(a!, waitingRecord('f:e1')), true)
      assert.equal(await store.suspendRun(b!, waitingRecord('f:e2')), true)
      const paused = await store.getRun('f:e1')
      assert.deepEqual([paused?.status, paused?.waitUntil], ['waiting', undefined])
      assert.deepEqual(await store.claimRuns(5, 60_000), [], 'a paused run is never due by itself')
      const sent = { headers: { 'content-type': 'application/json' }, body: { approved: true, note: 'é\u0000' }, query: {} }
      assert.equal(await store.resumeRun('f:e1', 'other', sent), undefined, "another flow's run")
      assert.equal(await store.resumeRun('no-such-run', 'f', sent), undefined)
      assert.equal((await store.resumeRun('f:e1', 'f', sent))?.id, 'f:e1')
      assert.equal(await store.resumeRun('f:e1', 'f', sent), undefined, 'resumed once only')
      const [due] = await store.claimRuns(5, 60_000)
      assert.deepEqual([due?.id, due?.attempt, due?.resume?.attempt, due?.resume?.sent], ['f:e1', 2, 1, sent])
      // a resumed run that fails and is retried still goes on from the same point
      assert.equal(await store.retryRunLater(due!, new Date(Date.now() - 1000), record('f:e1', 'failed', true)), true)
      const [retried] = await store.claimRuns(5, 60_000)
      assert.deepEqual([retried?.attempt, retried?.resume?.attempt, retried?.resume?.sent], [3, 1, sent])
      // waiting again: what the earlier resume request sent is not given to the next wait
      assert.equal(await store.suspendRun(retried!, waitingRecord('f:e1', new Date(Date.now() - 1000))), true)
      const [next] = await store.claimRuns(5, 60_000)
      assert.deepEqual([next?.attempt, next?.resume?.attempt, next?.resume?.sent], [4, 3, undefined])
      // the caller of a sync flow claims the resumed run itself: no worker takes it meanwhile
      const claimed = await store.resumeRun('f:e2', 'f', sent, { leaseMs: 60_000 })
      assert.deepEqual([claimed?.attempt, claimed?.resume?.sent, (await store.getRun('f:e2'))?.status], [2, sent, 'running'])
      assert.deepEqual(await store.claimRuns(5, 60_000), [])
      assert.equal(await store.finishRun(claimed!, record('f:e2', 'succeeded')), true)
    })
    // --- end of waits ---

    it('resets claimed runs at start only where one engine owns the store', async () => {
      await store.acceptDelivery(delivery('d1', ['e1', 'e2']), [runFor('e1'), runFor('e2')])
      const [a, b] = await store.claimRuns(2, 60_000)
      await store.finishRun(a!, record('f:e1', 'succeeded'))
      if (store.resetInFlight) {
        assert.equal(await store.resetInFlight(), 1)
        assert.deepEqual((await store.claimRuns(5, 60_000)).map((c) => [c.id, c.attempt]), [[b!.id, 2]])
      } else {
        // shared: the claim may be another engine's; only its lease gives the run back
        assert.deepEqual(await store.claimRuns(5, 60_000), [])
        assert.equal(await store.extendLease(b!, -1), true)
        assert.deepEqual((await store.claimRuns(5, 60_000)).map((c) => [c.id, c.attempt]), [[b!.id, 2]])
      }
    })

    it('runs a chore on one engine at a time', async () => {
      const other = await place.open()
      try {
        let release!: () => void
        const held = new Promise<void>((resolve) => {
          release = resolve
        })
        let started!: () => void
        const running = new Promise<void>((resolve) => {
          started = resolve
        })
        const first = store.exclusive('retention', async () => {
          started()
          await held
        })
        await running
        assert.equal(await store.exclusive('retention', async () => assert.fail('ran twice on one engine')), false)
        // a store one engine owns (it resets claims at start) has no other engine to exclude
        if (!store.resetInFlight) assert.equal(await other.exclusive('retention', async () => assert.fail('ran on two engines at once')), false)
        let other2 = false
        assert.equal(await other.exclusive('schedule', async () => {
          other2 = true
        }), true, 'another chore is not held up')
        assert.equal(other2, true)
        release()
        assert.equal(await first, true)
        assert.equal(await other.exclusive('retention', async () => undefined), true, 'free again once done')
        await assert.rejects(store.exclusive('retention', async () => Promise.reject(new Error('chore failed'))), /chore failed/)
        assert.equal(await other.exclusive('retention', async () => undefined), true, 'a failed chore frees its lock')
      } finally {
        await other.close()
      }
    })

    it('wakes its listeners when another engine enqueues runs', async (t) => {
      if (!store.onWork) return t.skip('this store is polled')
      const other = await place.open()
      let wakes = 0
      const unsubscribe = store.onWork(() => {
        wakes++
      })
      try {
        // the first wake-up says the listener is in place (work may have come before it)
        await until(() => wakes > 0, 'the listener to start')
        const before = wakes
        await other.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])
        await until(() => wakes > before, 'a wake-up after a delivery')
        // once the queue is empty again, a run enqueued elsewhere (a replay) wakes it too
        assert.equal((await store.claimRuns(5, 60_000)).length, 1)
        const afterDelivery = wakes
        await other.enqueueRun({ id: 'r1', flow: 'api', source: 'request', input: {} })
        await until(() => wakes > afterDelivery, 'a wake-up after an enqueued run')
      } finally {
        unsubscribe()
        await other.close()
      }
    })

    it('gives each run to one of several engines claiming at once', async () => {
      const engines = [store, await place.open(), await place.open()]
      try {
        const uuids = Array.from({ length: 30 }, (_, i) => `e${i}`)
        await store.acceptDelivery(delivery('d1', uuids), uuids.map((u) => runFor(u)))
        const taken: string[] = []
        await Promise.all(
          engines.map(async (engine) => {
            for (let claims = await engine.claimRuns(4, 60_000); claims.length > 0; claims = await engine.claimRuns(4, 60_000)) {
              for (const c of claims) {
                taken.push(c.id)
                assert.equal(await engine.finishRun(c, record(c.id, 'succeeded')), true)
              }
            }
          }),
        )
        assert.deepEqual([...taken].sort(), uuids.map((u) => `f:${u}`).sort(), 'every run claimed exactly once')
        assert.deepEqual(await store.stats(), { queued: 0, running: 0, waiting: 0, finished: 30 })
      } finally {
        for (const e of engines.slice(1)) await e.close()
      }
    })

    it('stores a delivery once when several engines receive it at the same moment', async () => {
      const engines = [store, await place.open(), await place.open()]
      try {
        // the same delivery three times, and two other deliveries sharing its events
        const results = await Promise.all([
          ...engines.map((e) => e.acceptDelivery(delivery('same', ['e1', 'e2']), [runFor('e1'), runFor('e2')])),
          engines[1]!.acceptDelivery(delivery('other', ['e2', 'e1']), [{ ...runFor('e2'), id: 'x2' }, { ...runFor('e1'), id: 'x1' }]),
          engines[2]!.acceptDelivery(delivery('third', ['e1']), [{ ...runFor('e1'), id: 'y1' }]),
        ])
        assert.equal(results.slice(0, 3).filter((r) => !r.duplicate).length, 1, 'one engine stored the delivery')
        assert.equal(results.reduce((n, r) => n + r.storedEvents, 0), 2, 'each event stored once')
        const runs = await store.listRuns({})
        assert.deepEqual(runs.map((r) => r.eventUuid).sort(), ['e1', 'e2'], 'each event ran the flow once')
      } finally {
        for (const e of engines.slice(1)) await e.close()
      }
    })

    it('enqueues a run already claimed by its caller', async () => {
      const claim = await store.enqueueRun({ id: 'r1', flow: 'api', source: 'request', input: { body: null } }, { leaseMs: 60_000 })
      assert.equal(claim.attempt, 1)
      assert.deepEqual(await store.claimRuns(5, 60_000), [])
      await store.finishRun(claim, record('r1', 'succeeded'))
      assert.equal((await store.getRun('r1'))?.record?.status, 'succeeded')
    })

    it('lists runs by flow, status and time, newest first', async () => {
      await store.acceptDelivery(delivery('d1', ['e1', 'e2']), [runFor('e1'), runFor('e2', 'g')])
      const [c] = await store.claimRuns(1, 60_000)
      await store.finishRun(c!, record(c!.id, 'failed'))
      assert.deepEqual((await store.listRuns({})).map((r) => r.id), ['g:e2', 'f:e1'])
      assert.deepEqual((await store.listRuns({ flow: 'g' })).map((r) => r.id), ['g:e2'])
      const failed = await store.listRuns({ status: 'failed' })
      assert.deepEqual(failed.map((r) => [r.id, r.error?.code]), [['f:e1', 'CONNECTOR']])
      assert.equal((await store.listRuns({ since: new Date(Date.now() + 60_000) })).length, 0)
      assert.equal((await store.listRuns({ limit: 1 })).length, 1)
    })

    it('prunes finished runs past the count or age, never queued ones', async () => {
      const uuids = ['e1', 'e2', 'e3', 'e4']
      await store.acceptDelivery(delivery('d1', uuids), uuids.map((u) => runFor(u)))
      for (const c of await store.claimRuns(3, 60_000)) await store.finishRun(c, record(c.id, 'succeeded'))
      assert.equal(await store.prune({ maxAgeMs: 3_600_000, maxRuns: 2 }), 1)
      assert.deepEqual((await store.listRuns({})).map((r) => r.id), ['f:e4', 'f:e3', 'f:e2'])
      assert.equal(await store.prune({ maxAgeMs: -1, maxRuns: 100 }), 2)
      assert.deepEqual((await store.listRuns({})).map((r) => [r.id, r.status]), [['f:e4', 'queued']])
    })

    it('lets only the newest of two claimers finish a run, and tells the stale one', async () => {
      const other = await place.open()
      try {
        await store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])
        const [mine] = await store.claimRuns(1, 60_000)
        assert.equal(mine?.attempt, 1)
        // the first claimer froze past its lease: the second engine takes the run over
        assert.equal(await store.extendLease(mine!, -1), true)
        const [theirs] = await other.claimRuns(1, 60_000)
        assert.deepEqual([theirs?.id, theirs?.attempt], ['f:e1', 2])
        assert.equal(await store.extendLease(mine!, 60_000), false, 'the stale claim learns it lost the run')
        assert.equal(await store.finishRun(mine!, record('f:e1', 'failed')), false, 'the stale claim cannot finish it')
        assert.equal(await store.retryRunLater(mine!, new Date(), record('f:e1', 'failed', true)), false, 'nor put it back')
        assert.equal((await other.getRun('f:e1'))?.status, 'running')
        assert.equal(await other.finishRun(theirs!, record('f:e1', 'succeeded')), true)
        const final = await store.getRun('f:e1')
        assert.deepEqual([final?.status, final?.attempts, final?.record?.status], ['succeeded', 2, 'succeeded'])
      } finally {
        await other.close()
      }
    })

    it('journals a run\'s steps under its claim, and refuses a stale claim\'s step', async () => {
      await store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])
      const [first] = await store.claimRuns(1, 60_000)
      assert.equal(await store.recordStep(first!, { key: 'send#0', state: 'intent' }), true)
      assert.equal(await store.recordStep(first!, { key: 'send#0', state: 'done', output: { ts: '1.2', nested: [1, null] } }), true)
      assert.equal(await store.recordStep(first!, { key: 'mail#0', state: 'intent' }), true)
      assert.deepEqual(
        (await store.steps('f:e1')).sort((a, b) => a.key.localeCompare(b.key)),
        [
          { key: 'mail#0', attempt: 1, state: 'intent' },
          { key: 'send#0', attempt: 1, state: 'done', output: { ts: '1.2', nested: [1, null] } },
        ],
      )
      // the claim's lease ran out and another claim took the run: the first may not write any more
      assert.equal(await store.extendLease(first!, -1), true)
      const [second] = await store.claimRuns(1, 60_000)
      assert.equal(await store.recordStep(first!, { key: 'other#0', state: 'intent' }), false)
      assert.equal(await store.recordStep(second!, { key: 'mail#0', state: 'unknown' }), true)
      const steps = new Map((await store.steps('f:e1')).map((s) => [s.key, s]))
      assert.deepEqual([steps.size, steps.get('mail#0')?.state, steps.get('mail#0')?.attempt], [2, 'unknown', 2])
      await store.finishRun(second!, record('f:e1', 'succeeded'))
      assert.equal(await store.recordStep(second!, { key: 'late#0', state: 'intent' }), false, 'a finished run takes no more steps')
      assert.deepEqual(await store.steps('no-such-run'), [])
      // pruning the run prunes its journal
      assert.equal(await store.prune({ maxAgeMs: -1, maxRuns: 100 }), 1)
      assert.deepEqual(await store.steps('f:e1'), [])
    })

    tableRowsCases(() => ({ store, open: place.open }))
    // ── Scheduled and delegated flows ──
    const tick = (slot: string): NewRun => ({ id: `nightly@${slot}`, flow: 'nightly', source: 'schedule', input: { execution_time: slot } })

    it('claims each slot of a schedule once, in order, with its run, and never one at or before the latest', async () => {
      const [t1, t2, t3] = ['2026-11-20T06:00:00.000Z', '2026-11-21T06:00:00.000Z', '2026-11-22T06:00:00.000Z']
      assert.equal(await store.lastSlot('nightly'), undefined)
      assert.equal(await store.claimSlot('nightly', new Date(t1), tick(t1)), true)
      assert.equal(await store.claimSlot('nightly', new Date(t1), { ...tick(t1), id: 'again' }), false, 'the same slot again')
      assert.equal(await store.claimSlot('nightly', new Date('2026-11-19T06:00:00Z'), tick('early')), false, 'an earlier slot')
      assert.equal((await store.lastSlot('nightly'))?.toISOString(), t1)
      // a slot passed over (catch-up policy) is recorded without a run
      assert.equal(await store.claimSlot('nightly', new Date(t2)), true)
      assert.equal(await store.claimSlot('nightly', new Date(t2), tick(t2)), false)
      assert.equal(await store.claimSlot('nightly', new Date(t3), tick(t3)), true)
      assert.equal(await store.claimSlot('other', new Date(t1), { ...tick(t1), id: 'other@t1', flow: 'other' }), true, 'slots are per flow')
      const runs = await store.listRuns({ flow: 'nightly' })
      assert.deepEqual(runs.map((r) => [r.id, r.source, r.status, r.slot]), [[`nightly@${t3}`, 'schedule', 'queued', t3], [`nightly@${t1}`, 'schedule', 'queued', t1]])
      assert.equal((await store.getRun(`nightly@${t1}`))?.input?.execution_time, t1)
      const claimed = await store.claimRuns(5, 60_000)
      assert.deepEqual(claimed.map((c) => c.id).sort(), [`nightly@${t1}`, `nightly@${t3}`, 'other@t1'].sort())
    })

    it('fires a slot once when several engines claim it at the same moment', async () => {
      const engines = [store, await place.open(), await place.open(), await place.open()]
      try {
        const slot = '2026-11-20T06:00:00.000Z'
        const won = await Promise.all(engines.map((e, i) => e.claimSlot('nightly', new Date(slot), { ...tick(slot), id: `engine${i}` })))
        assert.equal(won.filter(Boolean).length, 1, 'one engine claimed the slot')
        assert.equal((await store.listRuns({ flow: 'nightly' })).length, 1, 'one run for the slot')
      } finally {
        for (const e of engines.slice(1)) await e.close()
      }
    })

    it('records who ran a delegated flow', async () => {
      await store.enqueueRun({ id: 'd1', flow: 'offboard', source: 'delegated', input: { user: 'jane' }, startedBy: 'alice' })
      const [summary] = await store.listRuns({ flow: 'offboard' })
      assert.deepEqual([summary?.source, summary?.startedBy, summary?.slot], ['delegated', 'alice', undefined])
      assert.equal((await store.getRun('d1'))?.startedBy, 'alice')
    })
    // ── end of scheduled and delegated flows ──

    it('stores the first of two events of one uuid in a delivery, and each run with the input it was given', async () => {
      // a hostile delivery: one uuid, two contents; each run's input holds a part of its own event
      const [sales, legal] = [{ Department: 'Sales' }, { Department: 'Legal' }]
      const twice: Delivery = { eventId: 'd1', receivedAt: new Date(), events: [sales, legal].map((profile) => ({ ...event('e1'), raw: { uuid: 'e1', profile } })) }
      await store.acceptDelivery(twice, [
        { ...runFor('e1'), id: 'a', input: { Profile: sales } },
        { ...runFor('e1', 'g'), id: 'b', input: { Profile: legal } },
      ])
      const [a, b] = [await store.getRun('a'), await store.getRun('b')]
      assert.deepEqual(a?.event?.raw, { uuid: 'e1', profile: { Department: 'Sales' } })
      assert.deepEqual(a?.input, { Profile: { Department: 'Sales' } })
      assert.deepEqual(b?.input, { Profile: { Department: 'Legal' } })
    })

    it('answers a run that was never stored as absent', async () => {
      assert.equal(await store.getRun('no-such-run'), undefined)
      assert.equal(await store.finishRun({ id: 'no-such-run', flow: 'f', source: 'event', eventUuid: undefined, input: undefined, inputError: undefined, attempt: 1 }, record('x', 'succeeded')), false)
    })
  })
}

