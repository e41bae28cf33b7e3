import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { existsSync, fstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { Compressor } from 'zstd-napi'
import { registry } from '../../cards/index.ts'
import type { DeliveryInfo, SourceEvent } from '../../engine/card.ts'
import { eventInputsOf } from '../../engine/input.ts'
import { Registry } from '../../engine/registry.ts'
import { type Delivery, type NewRun, openStore, type Store, StoreUnavailableError } from '../../store/index.ts'
import { CLAIM_WALKS, DB_FILE, openSqliteStore, SqliteStore } from '../../store/sqlite.ts'
import { ROOT } from '../helpers.ts'
import { waitFor } from '../wait.ts'
import { Checkpointer, CHECKPOINT_EVERY, FALLBACK_PAGES } from '../../store/sqlite-checkpoint.ts'
import { packed, unpacked } from '../../store/sqlite-compact.ts'
import { SCHEMA, SCHEMA_VERSION } from '../../store/sqlite-schema.ts'
import { delivery, record, runFor, storeConformance, waitingRecord } from './conformance.ts'

storeConformance('SQLite', {
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'cardflow-store-'))
    return { open: () => openStore(`sqlite:${dir}`), destroy: async () => rmSync(dir, { recursive: true, force: true }) }
  },
})

describe('SQLite store', () => {
  let dir: string
  let store: Store
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cardflow-store-'))
    store = await openStore(dir)
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('adds the slot and caller columns to a file written before scheduled flows, keeping its runs', async () => {
    await store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])
    await store.close()
    const old = new Database(join(dir, DB_FILE))
    old.exec('DROP INDEX runs_flow_slot; DROP TABLE schedule_slots; ALTER TABLE runs DROP COLUMN slot; ALTER TABLE runs DROP COLUMN started_by')
    old.close()
    store = await openStore(dir)
    assert.equal((await store.getRun('f:e1'))?.status, 'queued')
    assert.equal(await store.claimSlot('nightly', new Date('2026-11-20T06:00:00Z'), { id: 'n1', flow: 'nightly', source: 'schedule' }), true)
    assert.equal((await store.getRun('n1'))?.slot, '2026-11-20T06:00:00.000Z')
  })

  it('walks an index for each part of a claim, never sorting the runs it passes over', async () => {
    await store.close()
    const old = new Database(join(dir, DB_FILE))
    // a file of an earlier version, with the index of every run by status and due time
    old.exec('CREATE INDEX runs_queue ON runs(status, due_at)')
    old.close()
    store = await openStore(dir)
    const db = new Database(join(dir, DB_FILE), { readonly: true })
    try {
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs'").pluck().all()
      assert.ok(!indexes.includes('runs_queue'), 'the index of every run by status and due time is dropped')
      for (const sql of CLAIM_WALKS) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(0, 1) as { detail: string }[]).map((r) => r.detail).join('; ')
        assert.match(plan, /USING (COVERING )?INDEX runs_(status_seq|waiting)/, sql)
        assert.doesNotMatch(plan, /TEMP B-TREE/, sql)
      }
    } finally {
      db.close()
    }
  })

  it('answers StoreUnavailableError while another process holds the write lock', async () => {
    await store.close()
    store = await openStore(dir, { busyTimeoutMs: 10 })
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

  it('adds what waits need to a store from before them, keeping its runs', async () => {
    await store.close()
    const file = join(dir, 'old', DB_FILE)
    mkdirSync(join(dir, 'old'))
    const old = new Database(file)
    old.exec(SCHEMA)
    old.prepare(`INSERT INTO runs (id, flow, source, status, due_at, created_at) VALUES ('old', 'f', 'request', 'queued', 0, 0)`).run()
    old.close()
    store = await openStore(join(dir, 'old'))
    const [claim] = await store.claimRuns(1, 60_000)
    assert.equal(claim?.id, 'old')
    assert.equal(await store.suspendRun(claim!, waitingRecord('old')), true)
    assert.equal((await store.getRun('old'))?.status, 'waiting')
    // opening it again adds nothing twice
    await store.close()
    store = await openStore(join(dir, 'old'))
    assert.equal((await store.stats()).waiting, 1)
  })

  it('refuses a file of a later format, leaving it as it is, and opens its own and older ones', async () => {
    await store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])
    await store.close()
    const file = join(dir, DB_FILE)
    const setVersion = (v: number) => {
      const db = new Database(file)
      db.pragma(`user_version = ${v}`)
      db.close()
    }
    setVersion(SCHEMA_VERSION + 1)
    await assert.rejects(openStore(dir), new RegExp(`written by a newer version of cardflow \\(store format ${SCHEMA_VERSION + 1}; this version reads format ${SCHEMA_VERSION} and older\\)`))
    const db = new Database(file, { readonly: true })
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION + 1, 'not changed')
    db.close()
    setVersion(2)
    store = await openStore(dir)
    assert.equal((await store.getRun('f:e1'))?.status, 'queued')
    await store.close()
    const again = new Database(file, { readonly: true })
    assert.equal(again.pragma('user_version', { simple: true }), SCHEMA_VERSION, 'an older file is this version\'s now')
    again.close()
    store = await openStore(dir)
  })

  it('opens only an existing store when asked not to create one', async () => {
    await assert.rejects(openStore(join(dir, 'missing'), { create: false }), /no store at/)
  })
})

describe('SQLite store durability', () => {
  let dir: string
  let store: SqliteStore | undefined
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cardflow-store-'))
  })
  afterEach(async () => {
    await store?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** A store whose fsyncs wait until the test lets them end. */
  function heldSyncs() {
    const held: { fd: number; done: (err: Error | null) => void }[] = []
    const file = join(dir, DB_FILE)
    store = new SqliteStore(file, { fsync: (fd, done) => held.push({ fd, done }) })
    return { store, held, wal: `${file}-wal` }
  }
  const settled = (p: Promise<unknown>) => Promise.race([p.then(() => 'settled', () => 'settled'), new Promise((r) => setImmediate(() => setImmediate(() => r('waiting'))))])

  it('answers a write only after the write-ahead log holding its commit is fsynced', async () => {
    const { store, held, wal } = heldSyncs()
    const accepted = store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])
    await waitFor(() => held.length === 1, 'the first fsync')
    assert.equal(fstatSync(held[0]!.fd).ino, statSync(wal).ino, 'the fsync is of the write-ahead log')
    assert.equal(await settled(accepted), 'waiting')
    // committed (other readers see it) but not answered until it is on disk
    assert.equal((await store.getRun(runFor('e1').id))?.status, 'queued')
    held[0]!.done(null)
    assert.deepEqual(await accepted, { duplicate: false, storedEvents: 1, runIds: [runFor('e1').id] })
  })

  it('commits the writes asked for during an fsync together, with one more fsync', async () => {
    const { store, held } = heldSyncs()
    const first = store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])
    await waitFor(() => held.length === 1, 'the first fsync')
    const later = [store.acceptDelivery(delivery('d2', ['e2']), [runFor('e2')]), store.acceptDelivery(delivery('d3', ['e3']), [runFor('e3')])]
    assert.equal(await settled(later[0]!), 'waiting')
    assert.equal(held.length, 1, 'no second commit while the first is being synced')
    held[0]!.done(null)
    await first
    await waitFor(() => held.length === 2, 'the second fsync')
    assert.equal(await settled(later[1]!), 'waiting')
    held[1]!.done(null)
    assert.equal((await Promise.all(later)).every((r) => !r.duplicate), true)
  })

  it('keeps the other writes of a batch whole when one of them fails half way', async () => {
    const { store, held } = heldSyncs()
    const first = store.acceptDelivery(delivery('d0', ['e0']), [runFor('e0')])
    await waitFor(() => held.length === 1, 'the first fsync')
    // one batch: two deliveries around one whose second run repeats a run id (its insert fails
    // after its delivery and events were written)
    const batch = [
      store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')]),
      store.acceptDelivery(delivery('d2', ['e2', 'e3']), [runFor('e2'), { ...runFor('e3'), id: runFor('e1').id }]),
      store.acceptDelivery(delivery('d4', ['e4']), [runFor('e4')]),
    ]
    held[0]!.done(null)
    await first
    await waitFor(() => held.length === 2, 'the batch\'s fsync')
    held[1]!.done(null)
    assert.deepEqual((await Promise.allSettled(batch)).map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled'])
    assert.deepEqual((await store.listRuns({})).map((r) => r.eventUuid).sort(), ['e0', 'e1', 'e4'])
    // nothing of the failed delivery was kept: Okta's retry of it is stored, not taken for a duplicate
    const retried = store.acceptDelivery(delivery('d2', ['e2', 'e3']), [runFor('e2'), runFor('e3')])
    await waitFor(() => held.length === 3, 'the retry\'s fsync')
    held[2]!.done(null)
    assert.deepEqual(await retried, { duplicate: false, storedEvents: 2, runIds: [runFor('e2').id, runFor('e3').id] })
  })

  it('answers StoreUnavailableError to the writes of a batch whose fsync failed', async () => {
    const { store, held } = heldSyncs()
    const accepted = store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])
    await waitFor(() => held.length === 1, 'the first fsync')
    held[0]!.done(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }))
    await assert.rejects(accepted, (err: unknown) => err instanceof StoreUnavailableError && /store cannot store the delivery \(EIO\)/.test(err.message))
  })

  it('syncs and answers the writes still waiting when it closes', async () => {
    const { store: s, held } = heldSyncs()
    const first = s.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])
    await waitFor(() => held.length === 1, 'the first fsync')
    const second = s.acceptDelivery(delivery('d2', ['e2']), [runFor('e2')])
    await s.close()
    store = undefined
    assert.equal((await first).storedEvents, 1)
    assert.equal((await second).storedEvents, 1)
    const reopened = new Database(join(dir, DB_FILE), { readonly: true })
    assert.equal(reopened.prepare('SELECT COUNT(*) FROM runs').pluck().get(), 2)
    reopened.close()
  })
})

describe('SQLite store: checkpoints on a thread of their own', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cardflow-store-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('copies the write-ahead log into the database long before SQLite\'s own checkpoint would', async () => {
    const file = join(dir, DB_FILE)
    const store = new SqliteStore(file)
    try {
      const before = statSync(file).size
      // one commit each, a few pages: far from the FALLBACK_PAGES after which the engine's own connection checkpoints
      for (let i = 0; i < CHECKPOINT_EVERY * 2; i++) await store.acceptDelivery(delivery(`d${i}`, [`e${i}`]), [runFor(`e${i}`)])
      assert.ok(statSync(`${file}-wal`).size < FALLBACK_PAGES * 4096, 'the log is below the engine connection\'s own checkpoint')
      await waitFor(() => statSync(file).size > before, 'pages copied into the database file')
      await store.close()
      assert.equal(existsSync(`${file}-wal`), false, 'the last connection to close copied the rest and removed the log')
      const reopened = new Database(file, { readonly: true })
      assert.equal(reopened.prepare('SELECT COUNT(*) FROM runs').pluck().get(), CHECKPOINT_EVERY * 2)
      reopened.close()
    } finally {
      await store.close()
    }
  })

  it('gives the checkpoints back to SQLite when the thread cannot open the file', async () => {
    const pages: number[] = []
    const checkpointer = new Checkpointer({ file: join(dir, 'missing.db'), busyTimeoutMs: 0, autocheckpoint: (n) => pages.push(n) })
    assert.deepEqual(pages, [FALLBACK_PAGES], 'the engine\'s own connection checkpoints only past the fallback size')
    for (let i = 0; i < CHECKPOINT_EVERY; i++) checkpointer.committed()
    await waitFor(() => pages.length === 2, 'the fallback to SQLite\'s checkpoints')
    assert.deepEqual(pages, [FALLBACK_PAGES, 1000])
    await checkpointer.close()
  })
})

/** One value read from the store's file in `dir`, by a connection of its own. */
function columnIn(dir: string, sql: string, ...args: unknown[]): string | Buffer {
  const db = new Database(join(dir, DB_FILE), { readonly: true })
  try {
    return db.prepare(sql).pluck().get(...args) as string | Buffer
  } finally {
    db.close()
  }
}

describe('SQLite store: each event written once, history packed', () => {
  let dir: string
  let store: SqliteStore
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cardflow-store-'))
    store = new SqliteStore(join(dir, DB_FILE))
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  /** An event and a trigger's outputs holding parts of it as they are, as Okta event cards build them. */
  function eventRun(uuid: string, extra: Record<string, unknown> = {}) {
    const raw = { uuid, client: { ipAddress: '198.51.100.1', geo: { city: 'Lisbon' } }, target: [{ id: '00u1', type: 'User' }], debugContext: { debugData: { changedAttributes: 'title' } } }
    const input = { UUID: uuid, Client: raw.client, 'Event Details': raw, Target: raw.target[0], 'Debug Data': raw.debugContext.debugData, Headers: { host: 'x' }, ...extra }
    const d: Delivery = { eventId: `d-${uuid}`, receivedAt: new Date(), events: [{ uuid, eventType: 'user.account.update_profile', published: '2026-11-20T10:00:00Z', raw }] }
    const run: NewRun = { id: `run-${uuid}`, flow: 'f', source: 'event', eventUuid: uuid, input }
    return { raw, input, d, run }
  }
  const column = (sql: string, ...args: unknown[]) => columnIn(dir, sql, ...args)

  it('stores a run\'s input as references to its event, and gives back the same input, event and history', async () => {
    const { raw, input, d, run } = eventRun('e1')
    await store.acceptDelivery(d, [run])
    const storedInput = column('SELECT input FROM runs WHERE id = ?', run.id)
    assert.ok(Buffer.isBuffer(storedInput), 'the input is packed')
    const text = unpacked(storedInput)
    assert.ok(text.startsWith('~'), text)
    assert.ok(!text.includes('198.51.100.1'), 'the event\'s parts are not written again')
    const rawStored = column('SELECT raw FROM events WHERE uuid = ?', 'e1')
    assert.ok(Buffer.isBuffer(rawStored), 'the raw event is packed')
    assert.deepEqual(JSON.parse(unpacked(rawStored)), raw)
    const [claim] = await store.claimRuns(1, 60_000)
    assert.deepEqual(claim!.input, input)
    // the history of a run whose trigger outputs are its input leaves them out, and reads them back
    const finished = { ...record(run.id, 'succeeded'), trigger: { id: 't', card: 'okta.userProfileUpdated', outputs: claim!.input! } }
    assert.equal(await store.finishRun(claim!, finished), true)
    const stored = column('SELECT r.record FROM run_records r JOIN runs USING (seq) WHERE runs.id = ?', run.id)
    assert.ok(Buffer.isBuffer(stored), 'the history is packed')
    assert.ok(!unpacked(stored).includes('"outputs":{"UUID"'), 'the trigger outputs are not in the stored history')
    const got = await store.getRun(run.id)
    assert.deepEqual(got?.input, input)
    assert.deepEqual(got?.record, { ...finished, trigger: { ...finished.trigger, outputs: input } })
    assert.deepEqual(got?.event?.raw, raw)
  })

  it('packs and unpacks values of any size', () => {
    // random text does not compress: its packed form is as long as the text, or longer
    const values: [string, Buffer][] = []
    for (const size of [0, 1, 2047, 2048, 2049, 21_000, 22_000, 100_000, 1_000_000, 5]) {
      const text = JSON.stringify({ noise: randomBytes(size).toString('base64').slice(0, size), user: 'jane@example.com', name: 'Zoë ✓' })
      const value = packed(text)
      assert.equal(value[0], 2, 'format 2')
      assert.equal(unpacked(value), text, `${size} characters`)
      values.push([text, value])
    }
    // each value is its own: packing the next one (in the same working buffers) changes none before it
    for (const [text, value] of values) assert.equal(unpacked(value), text, `${text.length} characters, read again`)
  })

  it('packs with the dictionary of the words Okta events share, and still reads the values of format 1', () => {
    const hook = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/inputs/hook-two-profile-events.json'), 'utf8')) as { data: { events: unknown[] } }
    const event = JSON.stringify(hook.data.events[0])
    const plain = new Compressor()
    plain.setParameters({ compressionLevel: 1 })
    // the same compression without the dictionary: the dictionary saves a third of a short event
    const withDictionary = packed(event).length - 1
    const without = plain.compress(Buffer.from(event)).length
    assert.ok(withDictionary < without * 0.8, `${withDictionary} bytes packed, ${without} without the dictionary`)
    // a value written by a version that deflated (format 1), byte for byte
    const format1 = Buffer.from('AUPUXEW6hojKyy+/JDOtEprJwCUziS3oYFA9rFCcmJmikJePvTmdlw/OvuVFmSUlqXkKSZUKkDpFwVCpFgA=', 'base64')
    assert.equal(
      unpacked(format1),
      '{"runId":"r-1","flow":"Notify","status":"failed","error":{"code":"CONNECTOR","message":"Slack said no","retryable":false},"note":"written by format 1"}',
    )
    assert.throws(() => unpacked(Buffer.from([3, 0, 0])), /unknown stored format 3/)
  })

  it('hands a queued run its input as given at its first claim, and reads it from its row on later ones and from other handles', async () => {
    const { input, d, run } = eventRun('e3')
    await store.acceptDelivery(d, [run])
    const [first] = await store.claimRuns(1, 60_000)
    assert.equal(first!.input, run.input, 'the first claim is not read back')
    // the lease runs out: the next claim reads the stored input, equal to what was given
    assert.equal(await store.extendLease(first!, -1), true)
    const [second] = await store.claimRuns(1, 60_000)
    assert.equal(second!.attempt, 2)
    assert.notEqual(second!.input, run.input)
    assert.deepEqual(second!.input, input)
    // another handle on the file (another process) never had it: it reads the row
    const other = await openStore(dir)
    try {
      const { d: d4, run: run4, input: input4 } = eventRun('e4')
      await store.acceptDelivery(d4, [run4])
      const [claimed] = await other.claimRuns(1, 60_000)
      assert.deepEqual([claimed!.id, claimed!.input], [run4.id, input4])
      assert.notEqual(claimed!.input, run4.input)
    } finally {
      await other.close()
    }
  })

  it('keeps the inputs of the oldest queued runs for their claims, however long the queue, and drops those claimed elsewhere', async () => {
    await store.close()
    const KEPT = 16
    store = new SqliteStore(join(dir, DB_FILE), { keptInputs: KEPT })
    /** One delivery of an event that runs `n` flows: `n` queued runs, in order. */
    const queue = async (uuid: string, n: number) => {
      const { d, run } = eventRun(uuid)
      const runs = Array.from({ length: n }, (_, i) => ({ ...run, id: `${run.id}-${i}`, flow: `f${i}`, input: { ...run.input!, n: i } }))
      await store.acceptDelivery(d, runs)
      return runs
    }
    const claimOne = async (from: Store = store) => (await from.claimRuns(1, 60_000))[0]!
    // more than are kept: the oldest are kept, as given, since they are claimed first
    const first = await queue('long', KEPT + 6)
    for (const run of first.slice(0, KEPT)) assert.equal((await claimOne()).input, run.input, run.id)
    for (const run of first.slice(KEPT)) {
      const claimed = await claimOne()
      assert.notEqual(claimed.input, run.input, 'past the bound: read from its row')
      assert.deepEqual(claimed.input, run.input)
    }
    // another handle claims most of what is kept here; a claim here then drops those
    const kept = await queue('again', KEPT)
    const other = await openStore(dir)
    try {
      assert.equal((await other.claimRuns(KEPT - 1, 60_000)).length, KEPT - 1)
    } finally {
      await other.close()
    }
    const [x] = await queue('full', 1)
    assert.equal((await claimOne()).input, kept[KEPT - 1]!.input)
    const [y, z] = await queue('after', 2)
    assert.notEqual((await claimOne()).input, x!.input, 'queued while the kept inputs were full')
    assert.equal((await claimOne()).input, y!.input)
    assert.equal((await claimOne()).input, z!.input, 'room was made by dropping the runs claimed elsewhere')
    // a store that keeps none (an engine that runs nothing) reads each from its row
    await store.close()
    store = new SqliteStore(join(dir, DB_FILE), { keptInputs: 0 })
    const [none] = await queue('none', 1)
    const claimed = await claimOne()
    assert.notEqual(claimed.input, none!.input)
    assert.deepEqual(claimed.input, none!.input)
  })

  it('keeps a run\'s history apart from its row, from its first wait or retry on, and prunes it with the run', async () => {
    const { d, run } = eventRun('e5')
    await store.acceptDelivery(d, [run])
    const count = () => column('SELECT COUNT(*) FROM run_records r JOIN runs USING (seq) WHERE runs.id = ?', run.id)
    const [first] = await store.claimRuns(1, 60_000)
    assert.equal(await store.retryRunLater(first!, new Date(Date.now() - 1), record(run.id, 'failed', true)), true)
    assert.equal(count(), 1)
    assert.equal((await store.getRun(run.id))?.record?.status, 'failed')
    const [second] = await store.claimRuns(1, 60_000)
    assert.equal(await store.finishRun(second!, record(run.id, 'succeeded')), true)
    assert.deepEqual([count(), column('SELECT record FROM runs WHERE id = ?', run.id)], [1, null], 'one history, none left in the row')
    assert.equal((await store.getRun(run.id))?.record?.status, 'succeeded')
    assert.deepEqual((await store.listRuns({})).map((r) => [r.id, r.status]), [[run.id, 'succeeded']])
    assert.equal(await store.prune({ maxAgeMs: -1, maxRuns: 100 }), 1)
    assert.equal(column('SELECT COUNT(*) FROM run_records'), 0)
  })

  it('keeps trigger outputs that differ from the input (redacted) in the history', async () => {
    const { d, run } = eventRun('e2')
    await store.acceptDelivery(d, [run])
    const [claim] = await store.claimRuns(1, 60_000)
    const redacted = { ...claim!.input, Headers: { host: '[REDACTED]' } }
    const finished = { ...record(run.id, 'succeeded'), trigger: { id: 't', card: 'c', outputs: redacted } }
    await store.finishRun(claim!, finished)
    assert.deepEqual((await store.getRun(run.id))?.record?.trigger.outputs, redacted)
  })

  it('stores an input holding the reference\'s own key as it is, and reads it back unchanged', async () => {
    const hostile = { '\u0000event': ['client'], note: 'from the event' }
    const { input, d, run } = eventRun('e3', { Hostile: hostile })
    await store.acceptDelivery(d, [run])
    assert.ok(!unpacked(column('SELECT input FROM runs WHERE id = ?', run.id)).startsWith('~'))
    const [claim] = await store.claimRuns(1, 60_000)
    assert.deepEqual(claim!.input, input)
    assert.deepEqual((await store.getRun(run.id))?.input?.Hostile, hostile)
  })

  it('refers to parts of the event nested in the input\'s own objects and lists', async () => {
    const { raw, d, run } = eventRun('e4')
    const input = { ...run.input, Wrapped: { list: [raw.target[0], { geo: raw.client.geo }], note: 'own' } }
    await store.acceptDelivery(d, [{ ...run, input }])
    const text = unpacked(column('SELECT input FROM runs WHERE id = ?', run.id))
    assert.ok(text.includes('{"list":[{"\\u0000event":["target",0]},{"geo":{"\\u0000event":["client","geo"]}}],"note":"own"}'), text)
    const [claim] = await store.claimRuns(1, 60_000)
    assert.deepEqual(claim!.input, input)
    assert.deepEqual((await store.getRun(run.id))?.input, input)
  })

  it('reads runs and events written as plain JSON text before', async () => {
    await store.close()
    const db = new Database(join(dir, DB_FILE))
    db.prepare("INSERT INTO events (uuid, delivery_id, event_type, published, raw, received_at) VALUES ('old', 'd-old', 't', 'p', ?, 0)").run(JSON.stringify({ uuid: 'old', a: 1 }))
    db.prepare("INSERT INTO runs (id, flow, source, event_uuid, input, status, attempts, due_at, created_at, record) VALUES ('run-old', 'f', 'event', 'old', ?, 'succeeded', 1, 0, 0, ?)")
      .run(JSON.stringify({ UUID: 'old' }), JSON.stringify(record('run-old', 'succeeded')))
    db.close()
    store = new SqliteStore(join(dir, DB_FILE))
    const got = await store.getRun('run-old')
    assert.deepEqual(got?.input, { UUID: 'old' })
    assert.deepEqual(got?.record?.trigger.outputs, {})
    assert.deepEqual(got?.event?.raw, { uuid: 'old', a: 1 })
  })
})

describe('SQLite store URLs', () => {
  it('reads a path ending in .db, .sqlite or .sqlite3 as the file, any other path (dot-names too) as its directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cardflow-url-'))
    try {
      for (const [url, file] of [
        [`sqlite:${dir}/a.db`, 'a.db'],
        [`sqlite:${dir}/b.sqlite3`, 'b.sqlite3'],
        [`sqlite:${dir}/.hidden`, `.hidden/${DB_FILE}`],
        [join(dir, 'plain'), `plain/${DB_FILE}`],
      ] as const) {
        const store = await openStore(url)
        await store.ping()
        await store.close()
        assert.ok(existsSync(join(dir, file)), `${url} → ${file}`)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('SQLite store: an Okta event run\'s input kept as its card and delivery, built again when read', () => {
  let dir: string
  let store: Store
  const eventInputs = eventInputsOf(registry)
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cardflow-store-'))
    store = await openStore(dir, { eventInputs })
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const TRIGGER = 'okta.userProfileUpdated'
  const sample = JSON.parse(readFileSync(join(ROOT, 'examples/hook-user-profile-updated.json'), 'utf8')) as { data: { events: SourceEvent[] } }
  const info: DeliveryInfo = { eventId: 'd-1', eventTime: '2026-11-20T10:02:45Z', source: 'https://x.okta.com/api/v1/eventHooks/who1', headers: { host: 'engine.example.com', 'user-agent': 'Okta Event Hooks' } }

  /** A delivery of `events` and their runs, each input built as intake builds it (the card's outputs for the event). */
  function intake(eventId: string, events: SourceEvent[]) {
    const d: Delivery = { eventId, receivedAt: new Date(), events: events.map((e) => ({ uuid: e.uuid, eventType: e.eventType, published: e.published, raw: e })) }
    const runs: NewRun[] = events.map((event, i) => {
      const delivery = { ...info, eventId }
      const input = registry.triggers.get(TRIGGER)!.fromEvent!(event, delivery)
      return { id: `run-${eventId}-${i}`, flow: 'f', source: 'event', eventUuid: event.uuid, input, inputFrom: { trigger: TRIGGER, delivery, event } }
    })
    return { d, runs }
  }
  const column = (sql: string, ...args: unknown[]) => columnIn(dir, sql, ...args)
  const event = (uuid: string, changed = 'title'): SourceEvent => {
    const e = structuredClone(sample.data.events[0]!) as SourceEvent & { debugContext: { debugData: Record<string, unknown> } }
    e.uuid = uuid
    e.debugContext.debugData.changedAttributes = changed
    return e
  }

  it('writes the card and the delivery, not the input, and reads the same input, run and history back in another process', async () => {
    const { d, runs } = intake('d-1', [event('e1')])
    await store.acceptDelivery(d, runs)
    const stored = column('SELECT input FROM runs WHERE id = ?', runs[0]!.id)
    assert.equal(typeof stored, 'string', 'plain text, not packed')
    assert.ok((stored as string).startsWith('^'), stored as string)
    assert.deepEqual(JSON.parse((stored as string).slice(1)), { trigger: TRIGGER, delivery: runs[0]!.inputFrom!.delivery })
    const ip = (sample.data.events[0] as unknown as { client: { ipAddress: string } }).client.ipAddress
    assert.ok(!(stored as string).includes(ip), 'none of the event is written again')
    // a store opened anew keeps no input in memory: the claim builds it from the event
    await store.close()
    store = await openStore(dir, { eventInputs })
    const [claim] = await store.claimRuns(1, 60_000)
    assert.deepEqual(claim!.input, runs[0]!.input)
    assert.equal(claim!.inputError, undefined)
    const finished = { ...record(claim!.id, 'succeeded'), trigger: { id: 'event', card: TRIGGER, outputs: claim!.input! } }
    assert.equal(await store.finishRun(claim!, finished), true)
    const run = await store.getRun(claim!.id)
    assert.deepEqual(run?.input, runs[0]!.input)
    assert.deepEqual(run?.record?.trigger.outputs, runs[0]!.input, 'the history\'s trigger outputs are the input, built again')
  })

  it('keeps the input whole for a run built from another event of the same uuid than the one stored', async () => {
    const first = event('same', 'title')
    const second = event('same', 'mobilePhone')
    const { d, runs } = intake('d-2', [first, second])
    await store.acceptDelivery(d, runs)
    assert.ok((column('SELECT input FROM runs WHERE id = ?', runs[0]!.id) as string).startsWith('^'))
    assert.ok(Buffer.isBuffer(column('SELECT input FROM runs WHERE id = ?', runs[1]!.id)), 'the second run\'s input is written itself')
    await store.close()
    store = await openStore(dir, { eventInputs })
    const claims = await store.claimRuns(2, 60_000)
    const byId = new Map(claims.map((c) => [c.id, c.input]))
    assert.equal((byId.get(runs[0]!.id)?.['Debug Context'] as { 'Debug Data': { changedAttributes: string } })['Debug Data'].changedAttributes, 'title')
    assert.equal((byId.get(runs[1]!.id)?.['Debug Context'] as { 'Debug Data': { changedAttributes: string } })['Debug Data'].changedAttributes, 'mobilePhone')
  })

  it('builds the input of a paused run claimed by its resume request', async () => {
    const { d, runs } = intake('d-4', [event('e4')])
    await store.acceptDelivery(d, runs)
    const [claim] = await store.claimRuns(1, 60_000)
    assert.equal(await store.suspendRun(claim!, waitingRecord(claim!.id)), true)
    const resumed = await store.resumeRun(claim!.id, 'f', { headers: {}, body: { approved: true }, query: {} }, { leaseMs: 60_000 })
    assert.deepEqual(resumed?.input, runs[0]!.input)
  })

  it('keeps inputs whole in a store opened without the cards, and reads one kept as its source as the run\'s input error', async () => {
    const { d, runs } = intake('d-5', [event('e5'), event('e6')])
    await store.acceptDelivery({ ...d, events: d.events.slice(0, 1) }, runs.slice(0, 1))
    await store.close()
    store = await openStore(dir)
    await store.acceptDelivery({ ...d, eventId: 'd-6', events: d.events.slice(1) }, runs.slice(1))
    const whole = column('SELECT input FROM runs WHERE id = ?', runs[1]!.id)
    assert.ok(Buffer.isBuffer(whole), `written whole: ${String(whole).slice(0, 40)}`)
    const claims = await store.claimRuns(2, 60_000)
    const byId = new Map(claims.map((c) => [c.id, c]))
    assert.match(byId.get(runs[0]!.id)?.inputError?.message ?? '', /the store was opened without the cards to build them/)
    assert.deepEqual(byId.get(runs[1]!.id)?.input, runs[1]!.input)
  })

  it('fails the run visibly, naming the card, when the engine reading it has no such card', async () => {
    const { d, runs } = intake('d-3', [event('e3')])
    await store.acceptDelivery(d, runs)
    await store.close()
    store = await openSqliteStore(join(dir, DB_FILE), { eventInputs: eventInputsOf(new Registry([], [])) })
    const [claim] = await store.claimRuns(1, 60_000)
    assert.equal(claim!.input, undefined)
    assert.equal(claim!.inputError?.code, 'INPUT')
    assert.match(claim!.inputError!.message, /trigger card "okta\.userProfileUpdated" for its event, and this engine has no such card/)
    assert.match((await store.getRun(claim!.id))?.inputError?.message ?? '', /okta\.userProfileUpdated/)
  })
})
