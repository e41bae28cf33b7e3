import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import { openStore, type Store, StoreUnavailableError } from '../../store/index.ts'
import { DB_FILE } from '../../store/sqlite.ts'
import { delivery, runFor, storeConformance, waitingRecord } from './conformance.ts'
import { SCHEMA } from '../../store/sqlite-schema.ts'

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

  it('opens only an existing store when asked not to create one', async () => {
    await assert.rejects(openStore(join(dir, 'missing'), { create: false }), /no store at/)
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
