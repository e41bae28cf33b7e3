/**
 * The shared store: PostgreSQL through a pool of node-postgres connections, for any number of
 * `flow serve` processes on one database. Every call is one statement, so one round trip and
 * one transaction: a delivery with its events and runs is a single INSERT … CTE, deduplicated by
 * unique keys whichever engine received it. Runs are claimed with `FOR UPDATE SKIP LOCKED` under
 * a lease kept on the database's clock; a dead or frozen engine's runs are claimed again when
 * their lease runs out. Each method is one function with its SQL: a new method adds one here and,
 * when it needs new tables, one migration in postgres-schema.ts.
 */
import pg from 'pg'
import { ConfigError } from '../engine/errors.ts'
import type { RunRecord } from '../engine/history.ts'
import type { StepRecord, StepState } from '../engine/journal.ts'
import { WorkListener } from './postgres-listen.ts'
import { type PostgresSettings, postgresSettings, untimed } from './postgres-config.ts'
import { lockKey, migrate as migrateSchema, RUN_COLUMNS, workChannel } from './postgres-schema.ts'
import { SQL, type Statement } from './postgres-sql.ts'
import { postgresTableRows } from './postgres-tables.ts'
import type { TableRows } from '../engine/tables.ts'
import { TableRowsDelegate } from './table-rows-delegate.ts'
import { DEDUP_WINDOW_MS } from './sqlite-retention.ts'
import { type EventRow, type RunRow, toClaimed, toStoredRun, toSummary } from './sqlite-schema.ts'
import {
  type AcceptResult,
  claimedAtOnce,
  type ClaimedRun,
  type Delivery,
  type IntakeClaim,
  FINISHED_STATUSES,
  type NewRun,
  type RetentionPolicy,
  type RunFilter,
  type RunSummary,
  type Store,
  type StoreStats,
  type StoredRun,
  StoreUnavailableError,
} from './store.ts'

const FINISHED = `(${FINISHED_STATUSES.map((s) => `'${s}'`).join(', ')})`
const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value))

function unavailable(what: string, err: unknown): StoreUnavailableError {
  return new StoreUnavailableError(`store cannot ${what} (${(err as Error).message})`, { cause: err })
}

export class PostgresStore extends TableRowsDelegate implements Store {
  private readonly pool: pg.Pool
  private readonly listeners = new Set<() => void>()
  private listener: WorkListener | undefined
  private readonly running = new Set<string>()

  constructor(private readonly settings: PostgresSettings) {
    super()
    this.pool = new pg.Pool(settings.pool)
    // An idle connection dropped by the server: the pool replaces it; the next query says more.
    this.pool.on('error', () => undefined)
  }

  private async query<R extends pg.QueryResultRow>(what: string, statement: Statement, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>({ ...statement, values })
    } catch (err) {
      throw unavailable(what, err)
    }
  }

  /** Several statements in one transaction on one connection. */
  private async transaction<T>(what: string, steps: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient
    try {
      client = await this.pool.connect()
    } catch (err) {
      throw unavailable(what, err)
    }
    let broken: Error | undefined
    try {
      await client.query('BEGIN')
      const value = await steps(client)
      await client.query('COMMIT')
      return value
    } catch (err) {
      await client.query('ROLLBACK').catch((e: Error) => {
        broken = e
      })
      throw unavailable(what, err)
    } finally {
      client.release(broken)
    }
  }

  async acceptDelivery(delivery: Delivery, runs: NewRun[], opts: { claim?: IntakeClaim } = {}): Promise<AcceptResult> {
    // Events in a fixed order: two deliveries sharing events then lock them in the same order.
    const events = [...delivery.events].sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0))
    const eventRuns = runs.filter((r) => r.eventUuid !== undefined)
    const { rows } = await this.query<{ stored: boolean; events: number; run_ids: string[]; claimed_ids: string[] }>('store the delivery', SQL.accept, [
      delivery.eventId,
      delivery.receivedAt,
      delivery.events.length,
      events.map((e) => e.uuid),
      events.map((e) => e.eventType),
      events.map((e) => e.published),
      // an event that runs no flow is kept for dedup only: its raw data (personal data) is not stored
      events.map((e) => (eventRuns.some((r) => r.eventUuid === e.uuid) ? JSON.stringify(e.raw) : 'null')),
      eventRuns.map((r) => r.id),
      eventRuns.map((r) => r.flow),
      eventRuns.map((r) => r.eventUuid),
      eventRuns.map((r) => json(r.input)),
      eventRuns.map((r) => json(r.inputError)),
      opts.claim?.runs ?? 0,
      opts.claim?.leaseMs ?? 0,
      this.settings.engineId,
    ])
    const row = rows[0]!
    const claimedIds = new Set(row.claimed_ids)
    const claimed = opts.claim && { claimed: eventRuns.filter((r) => claimedIds.has(r.id)).map(claimedAtOnce) }
    if (!row.stored) return { duplicate: true, storedEvents: 0, runIds: [], ...claimed }
    return { duplicate: false, storedEvents: row.events, runIds: row.run_ids, ...claimed }
  }

  async enqueueRun(run: NewRun, opts: { leaseMs?: number } = {}): Promise<ClaimedRun> {
    const { rows } = await this.query<RunRow>('enqueue the run', SQL.enqueue, [
      run.id,
      run.flow,
      run.source,
      run.eventUuid ?? null,
      run.replayOf ?? null,
      json(run.input),
      json(run.inputError),
      opts.leaseMs ?? null,
      this.settings.engineId,
      run.startedBy ?? null,
    ])
    return toClaimed(rows[0]!)
  }

  async claimRuns(n: number, leaseMs: number): Promise<ClaimedRun[]> {
    const { rows } = await this.query<RunRow>('claim runs', SQL.claim, [n, leaseMs, this.settings.engineId])
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toClaimed)
  }

  /** Brings the schema up to date (or, with `create` false, checks that it is). */
  async migrate(described: string, create: boolean): Promise<void> {
    const client = await this.pool.connect().catch((err: unknown) => {
      throw unavailable('connect', err)
    })
    try {
      await migrateSchema(client, this.settings.schema, described, create)
    } catch (err) {
      throw err instanceof ConfigError ? err : unavailable('bring its tables up to date', err)
    } finally {
      client.release()
    }
  }

  async extendLease(run: ClaimedRun, leaseMs: number): Promise<boolean> {
    return ((await this.query('extend a lease', SQL.extend, [run.id, run.attempt, leaseMs])).rowCount ?? 0) > 0
  }

  async finishRun(run: ClaimedRun, record: RunRecord): Promise<boolean> {
    const values = [run.id, run.attempt, record.status, JSON.stringify(record), json(record.error)]
    return ((await this.query('finish the run', SQL.finish, values)).rowCount ?? 0) > 0
  }

  async retryRunLater(run: ClaimedRun, notBefore: Date, record: RunRecord): Promise<boolean> {
    const values = [run.id, run.attempt, notBefore, JSON.stringify(record), json(record.error)]
    return ((await this.query('requeue the run', SQL.retry, values)).rowCount ?? 0) > 0
  }

  // --- waits (Wait For, Wait Until, Pause) ---
  async suspendRun(run: ClaimedRun, record: RunRecord): Promise<boolean> {
    const values = [run.id, run.attempt, record.waitUntil ?? null, JSON.stringify(record), JSON.stringify({ record, attempt: run.attempt })]
    return ((await this.query('store the waiting run', SQL.suspend, values)).rowCount ?? 0) > 0
  }

  async resumeRun(id: string, flow: string, sent: Record<string, unknown>, opts: { leaseMs?: number } = {}): Promise<ClaimedRun | undefined> {
    const { rows } = await this.query<RunRow>('resume the run', SQL.resume, [id, flow, JSON.stringify(sent), opts.leaseMs ?? null, this.settings.engineId])
    return rows[0] && toClaimed(rows[0])
  }
  // --- end of waits ---

  async steps(runId: string): Promise<StepRecord[]> {
    type Row = { key: string; attempt: number; state: StepState; output: string | null }
    const { rows } = await this.query<Row>('read the step journal', SQL.steps, [runId])
    return rows.map((r) => ({ key: r.key, attempt: r.attempt, state: r.state, ...(r.output !== null && { output: JSON.parse(r.output) as unknown }) }))
  }

  async recordStep(run: ClaimedRun, step: Omit<StepRecord, 'attempt'>): Promise<boolean> {
    const values = [run.id, step.key, run.attempt, step.state, step.output === undefined ? null : JSON.stringify(step.output)]
    return ((await this.query('record a step', SQL.recordStep, values)).rowCount ?? 0) > 0
  }

  async listRuns(filter: RunFilter): Promise<RunSummary[]> {
    const where: string[] = []
    const values: unknown[] = []
    const add = (column: string, value: unknown) => {
      values.push(value)
      where.push(`${column} $${values.length}`)
    }
    if (filter.flow !== undefined) add('flow =', filter.flow)
    if (filter.status !== undefined) add('status =', filter.status)
    if (filter.since !== undefined) add('created_at >=', filter.since)
    values.push(filter.limit ?? 100)
    const text = `SELECT ${RUN_COLUMNS} FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${values.length}`
    return (await this.query<RunRow>('list runs', { text }, values)).rows.map(toSummary)
  }

  async getRun(id: string): Promise<StoredRun | undefined> {
    type Row = RunRow & { e_uuid: string | null; e_event_type: string; e_published: string; e_raw: string }
    const row = (await this.query<Row>('read the run', SQL.get, [id])).rows[0]
    if (!row) return undefined
    const event: EventRow | undefined = row.e_uuid === null ? undefined : { uuid: row.e_uuid, event_type: row.e_event_type, published: row.e_published, raw: row.e_raw }
    return toStoredRun(row, event, undefined)
  }

  /** Deletes in one transaction; a long history may take a while, so no statement timeout here. */
  prune(policy: RetentionPolicy): Promise<number> {
    return this.transaction('prune history', async (client) => {
      await client.query('SET LOCAL statement_timeout = 0')
      const runs = await client.query(
        untimed(
          `DELETE FROM runs WHERE status IN ${FINISHED} AND (finished_at < now() - $1::float8 * interval '1 millisecond' OR seq <
             (SELECT seq FROM runs WHERE status IN ${FINISHED} ORDER BY seq DESC OFFSET $2 - 1 LIMIT 1))`,
          [policy.maxAgeMs, policy.maxRuns],
        ),
      )
      // the journal goes with its run
      await client.query(untimed('DELETE FROM steps WHERE NOT EXISTS (SELECT 1 FROM runs WHERE runs.id = steps.run_id)'))
      // a raw event (personal data) goes with the last run that needs it; its uuid stays for dedup
      await client.query(untimed(`UPDATE events SET raw = 'null' WHERE raw <> 'null' AND NOT EXISTS (SELECT 1 FROM runs WHERE runs.event_uuid = events.uuid)`))
      // event uuids and delivery ids once Okta can no longer redeliver them (or past --keep, if shorter)
      const dedup = Math.min(policy.maxAgeMs, DEDUP_WINDOW_MS)
      await client.query(
        untimed(
          `DELETE FROM events WHERE received_at < now() - $1::float8 * interval '1 millisecond'
             AND NOT EXISTS (SELECT 1 FROM runs WHERE runs.event_uuid = events.uuid)`,
          [dedup],
        ),
      )
      await client.query(untimed(`DELETE FROM deliveries WHERE received_at < now() - $1::float8 * interval '1 millisecond'`, [dedup]))
      return runs.rowCount ?? 0
    })
  }

  async stats(): Promise<StoreStats> {
    const { rows } = await this.query<{ status: string; n: number }>('count runs', SQL.stats)
    const count = (s: string) => rows.find((r) => r.status === s)?.n ?? 0
    return { queued: count('queued'), running: count('running'), waiting: count('waiting'), finished: FINISHED_STATUSES.reduce((sum, s) => sum + count(s), 0) }
  }

  // ── Scheduled flows ──────────────────────────────────────────────────────────────────────────
  async lastSlot(flow: string): Promise<Date | undefined> {
    const { rows } = await this.query<{ slot_at: Date }>('read the schedule', SQL.lastSlot, [flow])
    return rows[0]?.slot_at
  }

  async claimSlot(flow: string, at: Date, run?: NewRun): Promise<boolean> {
    const values = [flow, at, run?.id ?? null, json(run?.input), json(run?.inputError), at.toISOString()]
    const { rows } = await this.query<{ claimed: boolean }>('claim a scheduled slot', SQL.claimSlot, values)
    return rows[0]!.claimed
  }
  // ── end of scheduled flows ───────────────────────────────────────────────────────────────────

  async ping(): Promise<void> {
    const { rows } = await this.query<{ standby: boolean }>('reach the database', SQL.ping)
    if (rows[0]?.standby) throw new StoreUnavailableError('store cannot write (the database is a read-only standby)')
  }

  /**
   * A session advisory lock, tried without waiting, held on one pooled connection while `work`
   * runs. A killed engine's connection closes and frees it at once; a frozen one's holds it
   * until the database drops the connection (TCP keepalive), and the chore waits meanwhile.
   */
  async exclusive(name: string, work: () => Promise<void>): Promise<boolean> {
    if (this.running.has(name)) return false
    this.running.add(name)
    const key = lockKey(this.settings.schema, name)
    try {
      const client = await this.pool.connect().catch((err: unknown) => {
        throw unavailable(`take the ${name} lock`, err)
      })
      let broken: Error | undefined
      try {
        const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS got', [key]).catch((err: Error) => {
          broken = err
          throw unavailable(`take the ${name} lock`, err)
        })
        if (!rows[0]!.got) return false
        try {
          await work()
        } finally {
          // a connection that cannot unlock is closed instead, which unlocks
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch((err: Error) => {
            broken = err
          })
        }
        return true
      } finally {
        client.release(broken)
      }
    } finally {
      this.running.delete(name)
    }
  }

  // ---- table rows (Tables cards): see postgres-tables.ts ----
  protected readonly tableRows: TableRows = postgresTableRows((what, statement, values) => this.query(what, statement, values))
  // ---- end of table rows ----

  onWork(listener: () => void): () => void {
    this.listeners.add(listener)
    if (!this.listener) {
      this.listener = new WorkListener(this.settings.client, workChannel(this.settings.schema), () => {
        for (const l of this.listeners) l()
      })
      this.listener.start()
    }
    return () => {
      this.listeners.delete(listener)
    }
  }

  async close(): Promise<void> {
    await this.listener?.close()
    this.listener = undefined
    if (!this.pool.ended) await this.pool.end()
  }
}

/** Opens the store, bringing its schema up to date first (see postgres-schema.ts). */
export async function openPostgresStore(url: string, described: string, opts: { create?: boolean } = {}): Promise<PostgresStore> {
  const settings = postgresSettings(url)
  const store = new PostgresStore(settings)
  try {
    await store.migrate(described, opts.create !== false)
  } catch (err) {
    await store.close()
    throw err
  }
  return store
}
