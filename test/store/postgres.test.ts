/**
 * The PostgreSQL store: the conformance suite every backend passes, then what only a shared
 * database has: migrations raced by engines starting together, a schema newer than the engine,
 * the database going away and coming back, statement timeouts, and JSON jsonb would refuse.
 */
import assert from 'node:assert/strict'
import { hostname } from 'node:os'
import { after, describe, it } from 'node:test'
import pg from 'pg'
import { ConfigError } from '../../engine/errors.ts'
import { describeStoreUrl, openStore, type Store, StoreUnavailableError } from '../../store/index.ts'
import { MIGRATIONS } from '../../store/postgres-schema.ts'
import { admin, freshSchema, PG_SKIP, PG_URL, relayToPostgres, type TestSchema, withParams } from '../postgres.ts'
import { waitFor } from '../server/helpers.ts'
import { delivery, record, runFor, storeConformance, waitingRecord } from './conformance.ts'

storeConformance(
  'PostgreSQL',
  {
    async create() {
      const place = freshSchema('conf')
      return { open: () => openStore(place.url()), destroy: place.drop }
    },
  },
  PG_SKIP,
)

describe('PostgreSQL store', { skip: PG_SKIP }, () => {
  const schemas: TestSchema[] = []
  const fresh = () => {
    const s = freshSchema('pg')
    schemas.push(s)
    return s
  }
  after(async () => {
    for (const s of schemas) await s.drop()
  })

  it('applies its migrations once when several engines start together', async () => {
    const place = fresh()
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(place.url())))
    try {
      const applied = await admin((c) => c.query(`SELECT version FROM "${place.schema}".cardflow_migrations ORDER BY version`))
      assert.deepEqual(applied.rows.map((r) => r.version), MIGRATIONS.map((m) => m.version))
      for (const s of stores) await s.ping()
      await stores[0]!.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])
      assert.equal((await stores[3]!.getRun('f:e1'))?.status, 'queued')
    } finally {
      for (const s of stores) await s.close()
    }
  })

  it("waits for another engine's migration however long it takes, past its own statement timeout", async () => {
    const place = fresh()
    await (await openStore(place.url())).close()
    // another engine holds the migration lock, as it would while migrating a large table
    const holder = new pg.Client({ connectionString: PG_URL })
    await holder.connect()
    try {
      await holder.query('BEGIN')
      await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`cardflow:${place.schema}:migrate`])
      const opening = openStore(place.url({ statement_timeout: 100 }))
      // past the store's own statement and client timeouts (0.1 s and 2.1 s), by the database's clock
      // (asked on another connection: inside the holder's transaction the activity view is a snapshot)
      await waitFor(async () => {
        const { rows } = await admin((c) => c.query(
          `SELECT 1 FROM pg_stat_activity WHERE wait_event = 'advisory' AND clock_timestamp() - query_start > interval '3 seconds'
             AND application_name LIKE 'cardflow %'`,
        ))
        return rows.length > 0
      }, 'the starting engine to wait three seconds for the lock')
      await holder.query('COMMIT')
      const store = await opening
      await store.ping()
      await store.close()
    } finally {
      await holder.end()
    }
  })

  it('brings a store from before waits up to date, keeping its runs', async () => {
    const place = fresh()
    await admin(async (c) => {
      await c.query(`CREATE SCHEMA "${place.schema}"`)
      await c.query(`SET search_path = "${place.schema}"`)
      await c.query('CREATE TABLE cardflow_migrations (version integer PRIMARY KEY, why text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())')
      for (const m of MIGRATIONS.filter((m) => m.version <= 2)) {
        await c.query(m.sql)
        await c.query('INSERT INTO cardflow_migrations (version, why) VALUES ($1, $2)', [m.version, m.why])
      }
      await c.query(`INSERT INTO runs (id, flow, source, status, due_at, created_at) VALUES ('old', 'f', 'request', 'queued', now(), now())`)
    })
    const store = await openStore(place.url())
    try {
      const [claim] = await store.claimRuns(1, 60_000)
      assert.equal(claim?.id, 'old')
      assert.equal(await store.suspendRun(claim!, waitingRecord('old')), true)
      assert.deepEqual([(await store.getRun('old'))?.status, (await store.stats()).waiting], ['waiting', 1])
    } finally {
      await store.close()
    }
  })

  it('refuses a store whose schema is newer than it knows, and a missing one when asked only to read', async () => {
    const place = fresh()
    await assert.rejects(openStore(place.url(), { create: false }), (err: Error) => err instanceof ConfigError && /no cardflow store in postgres:/.test(err.message))
    await (await openStore(place.url())).close()
    await admin((c) => c.query(`INSERT INTO "${place.schema}".cardflow_migrations (version, why) VALUES (999, 'from the future')`))
    await assert.rejects(openStore(place.url()), /schema version 999, newer than this cardflow knows/)
  })

  it('applies a migration numbered below one the store has already (changes merged in another order)', async () => {
    const place = fresh()
    await (await openStore(place.url())).close()
    // a store migrated before the scheduled flows' version 4 was merged, but after a later version
    await admin((c) =>
      c.query(`SET search_path = "${place.schema}";
        DELETE FROM cardflow_migrations WHERE version = 4; DROP TABLE schedule_slots; DROP INDEX runs_flow_slot;
        ALTER TABLE runs DROP COLUMN slot, DROP COLUMN started_by`),
    )
    await assert.rejects(openStore(place.url(), { create: false }), /lacks schema version\(s\) 4/)
    const store = await openStore(place.url())
    try {
      assert.equal(await store.claimSlot('nightly', new Date('2026-11-20T06:00:00Z'), { id: 'n1', flow: 'nightly', source: 'schedule' }), true)
      assert.equal((await store.getRun('n1'))?.slot, '2026-11-20T06:00:00.000Z')
    } finally {
      await store.close()
    }
  })

  it('keeps the password out of what it says about its URL', async () => {
    const url = 'postgres://cardflow:hunter2@db.example:5432/flows?schema=ops&sslpassword=p4ss'
    const described = describeStoreUrl(url)
    assert.doesNotMatch(described, /hunter2|p4ss/)
    assert.match(described, /^postgres:\/\/cardflow:\*\*\*@db\.example:5432\/flows\?schema=ops/)
    // a refused connection names the server, never the password
    const refused = await openStore('postgresql://cardflow:hunter2@127.0.0.1:1/flows').then(
      () => assert.fail('opened a store on a closed port'),
      (err: Error) => err,
    )
    assert.ok(refused instanceof StoreUnavailableError, String(refused))
    assert.doesNotMatch(refused.message, /hunter2/)
    await assert.rejects(openStore(withParams(PG_URL, { schema: 'No-Such Schema' })), /schema must be lower case/)
    await assert.rejects(openStore(withParams(PG_URL, { pool_size: 1 })), /pool_size must be a whole number of at least 2/)
  })

  it('answers StoreUnavailableError while the database is unreachable, and recovers when it is back', async () => {
    const place = fresh()
    const relay = await relayToPostgres()
    const store = await openStore(relay.url(place.url({ statement_timeout: 1000 })))
    try {
      await store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])
      await relay.cut()
      await assert.rejects(store.ping(), StoreUnavailableError)
      await assert.rejects(store.acceptDelivery(delivery('d2', ['e2']), [runFor('e2')]), StoreUnavailableError)
      await assert.rejects(store.claimRuns(1, 60_000), StoreUnavailableError)
      await relay.restore()
      await store.ping()
      assert.equal((await store.acceptDelivery(delivery('d2', ['e2']), [runFor('e2')])).duplicate, false)
      assert.deepEqual((await store.claimRuns(5, 60_000)).map((c) => c.id), ['f:e1', 'f:e2'])
    } finally {
      await store.close()
      await relay.close()
    }
  })

  it('gives up on a statement past its timeout with StoreUnavailableError, not a hang', async () => {
    const place = fresh()
    const store = await openStore(place.url({ statement_timeout: 200 }))
    let locker: Awaited<ReturnType<typeof lockTable>> | undefined
    try {
      locker = await lockTable(place.schema, 'deliveries')
      await assert.rejects(store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')]), (err: Error) => err instanceof StoreUnavailableError && /statement timeout/.test(err.message))
      await locker.release()
      locker = undefined
      assert.equal((await store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])).duplicate, false)
    } finally {
      await locker?.release()
      await store.close()
    }
  })

  it('keeps an event as sent, even JSON that jsonb would refuse or reorder', async () => {
    const place = fresh()
    const store = await openStore(place.url())
    try {
      const raw = { uuid: 'e1', z: 1, a: 'nul \u0000 and \ud83d\ude00', nested: { b: [1, '2'] } }
      await store.acceptDelivery({ eventId: 'd1', receivedAt: new Date(), events: [{ uuid: 'e1', eventType: 't', published: 'p', raw }] }, [runFor('e1')])
      const stored = await store.getRun('f:e1')
      assert.equal(JSON.stringify(stored?.event?.raw), JSON.stringify(raw))
    } finally {
      await store.close()
    }
  })

  it('records which engine holds each claim, and forgets it when the run waits again', async () => {
    const place = fresh()
    const store: Store = await openStore(place.url())
    try {
      await store.acceptDelivery(delivery('d1', ['e1']), [runFor('e1')])
      const [claim] = await store.claimRuns(1, 60_000)
      const holder = () => admin((c) => c.query(`SELECT claimed_by FROM "${place.schema}".runs WHERE id = 'f:e1'`)).then((r) => r.rows[0]?.claimed_by)
      assert.equal(await holder(), `${hostname()}:${process.pid}`)
      await store.retryRunLater(claim!, new Date(), record('f:e1', 'failed', true))
      assert.equal(await holder(), null)
    } finally {
      await store.close()
    }
  })
})

/** Another session's exclusive lock on one table, held until released. */
async function lockTable(schema: string, table: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  await client.query('BEGIN')
  await client.query(`LOCK TABLE "${schema}".${table} IN ACCESS EXCLUSIVE MODE`)
  let released = false
  return {
    async release() {
      if (released) return
      released = true
      await client.query('ROLLBACK')
      await client.end()
    },
  }
}
