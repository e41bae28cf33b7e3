import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import type { RunRecord } from '../../engine/history.ts'
import { type Delivery, type NewRun, openStore, type Store, StoreUnavailableError } from '../../store/index.ts'
import { DB_FILE } from '../../store/sqlite.ts'

const event = (uuid: string) => ({ uuid, eventType: 'user.account.update_profile', published: '2026-11-20T10:00:00Z', raw: { uuid, note: 'raw' } })
const delivery = (eventId: string, uuids: string[]): Delivery => ({ eventId, receivedAt: new Date(), events: uuids.map(event) })
const runFor = (uuid: string, flow = 'f'): NewRun => ({ id: `${flow}:${uuid}`, flow, source: 'event', eventUuid: uuid, input: { UUID: uuid } })

function record(id: string, status: RunRecord['status'], retryable?: boolean): RunRecord {
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

describe('SQLite store', () => {
  let dir: string
  let store: Store
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cardflow-store-'))
    store = openStore(dir)
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
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

  it('puts a run back for later with its failed attempt, and resets claimed runs at start', async () => {
    await store.acceptDelivery(delivery('d1', ['e1', 'e2']), [runFor('e1'), runFor('e2')])
    const [a, b] = await store.claimRuns(2, 60_000)
    await store.retryRunLater(a!, new Date(Date.now() + 3_600_000), record('f:e1', 'failed', true))
    const waiting = await store.getRun('f:e1')
    assert.equal(waiting?.status, 'queued')
    assert.equal(waiting?.record?.error?.retryable, true)
    assert.equal(await store.resetInFlight(), 1)
    assert.deepEqual((await store.claimRuns(5, 60_000)).map((c) => [c.id, c.attempt]), [[b!.id, 2]])
    assert.deepEqual(await store.stats(), { queued: 1, running: 1, finished: 0 })
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

  it('answers StoreUnavailableError while another process holds the write lock', async () => {
    await store.close()
    store = openStore(dir, { busyTimeoutMs: 10 })
    const other = new Database(join(dir, DB_FILE))
    try {
      other.exec('BEGIN IMMEDIATE')
      await assert.rejects(store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')]), /store cannot store the delivery \(SQLITE_BUSY\)/)
      await assert.rejects(store.ping(), StoreUnavailableError)
      other.exec('ROLLBACK')
      await store.ping()
    } finally {
      other.close()
    }
  })

  it('opens only an existing store when asked not to create one', () => {
    assert.throws(() => openStore(join(dir, 'missing'), { create: false }), /no store in/)
  })
})
