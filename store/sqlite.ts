/**
 * The embedded store: one SQLite file (better-sqlite3) in WAL mode, every write answered only
 * once its commit is fsynced, so a delivery answered 200 survives a crash of the process and of
 * the machine. Calls are synchronous under the hood and wrapped in promises to match the Store
 * interface; the fsync is not (see `flush`).
 */
import { closeSync, fsync, fsyncSync, openSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { RunRecord } from '../engine/history.ts'
import type { EventInputs } from '../engine/input.ts'
import type { StepRecord, StepState } from '../engine/journal.ts'
import { Checkpointer } from './sqlite-checkpoint.ts'
import { encodeInput, encodeInputSource, encodeRecord, packed, unpacked } from './sqlite-compact.ts'
import { enableIncrementalVacuum, pruneSqlite, TOMBSTONE } from './sqlite-retention.ts'
import { addScheduleSchema, addWaitColumns, type EventRow, PAUSED_DUE_MS, type RunRow, SCHEMA, SCHEMA_VERSION, toClaimed, toClaimedWith, toStoredRun, toSummary } from './sqlite-schema.ts'
import { sqliteTableRows, TABLE_ROWS_SCHEMA } from './sqlite-tables.ts'
import type { TableRows } from '../engine/tables.ts'
import { TableRowsDelegate } from './table-rows-delegate.ts'
import {
  type AcceptResult,
  type ClaimedRun,
  claimedAtOnce,
  type Delivery,
  FINISHED_STATUSES,
  type IntakeClaim,
  type NewRun,
  type RetentionPolicy,
  type RunFilter,
  type RunSummary,
  type Store,
  type StoreStats,
  type StoredRun,
  StoreUnavailableError,
} from './store.ts'

export interface SqliteStoreOptions {
  /** How long a write waits for another process's lock before giving up (ms). Default 1500, inside Okta's 3 s. */
  busyTimeoutMs?: number
  /** How a commit is made durable off the event loop: `fs.fsync` of the write-ahead log (tests wrap it). */
  fsync?: (fd: number, done: (err: Error | null) => void) => void
  /** How many queued runs' inputs are kept for their first claim (see queuedInputs). Default 4,096. */
  keptInputs?: number
  /**
   * Builds an event run's input again from its event (engine/input.ts, `eventInputsOf(registry)`,
   * which the CLI's commands pass). With it, such a run's input is stored as its trigger card and
   * delivery (sqlite-compact.ts); without it, inputs are stored whole, and one stored as its
   * source is read as the run's input error.
   */
  eventInputs?: EventInputs
}

export const DB_FILE = 'cardflow.db'
/** A run's columns but its history, which only a read of the run itself needs. */
const SUMMARY_COLUMNS = 'seq, id, flow, source, event_uuid, replay_of, input, input_error, status, attempts, due_at, created_at, finished_at, NULL AS record, error, slot, started_by'
/** A run's columns with its history (in `run_records`, or in `runs` for a run stored before it). */
const RUN_COLUMNS = SUMMARY_COLUMNS.replace('NULL AS record', 'COALESCE((SELECT r.record FROM run_records r WHERE r.seq = runs.seq), runs.record) AS record')
/** The walks of a claim (see claimRuns), each given the time and how many runs it takes. */
export const CLAIM_WALKS = [
  `SELECT seq FROM runs WHERE status = 'queued' AND +due_at <= ? ORDER BY seq LIMIT ?`,
  `SELECT seq FROM runs WHERE status = 'running' AND lease_until < ? ORDER BY seq LIMIT ?`,
  `SELECT seq FROM runs INDEXED BY runs_waiting WHERE status = 'waiting' AND due_at <= ? ORDER BY due_at LIMIT ?`,
] as const
/** What a claim returns: the run, and where it resumes from when it waited. */
const CLAIM_COLUMNS = `${SUMMARY_COLUMNS}, resume, resume_with`
/**
 * How many queued runs' inputs are kept for their claim (see queuedInputs): at most a few
 * tens of MB, an Okta event parsed each. bench/end-to-end, 10,000 events: 4,096 gave 1.05x,
 * 1.21x and 1.18x the events/s of 1,024 in three rounds, at the same peak RSS.
 */
const KEPT_INPUTS = 4096

interface PendingWrite {
  what: string
  step: () => unknown
  resolve: (value: unknown) => void
  reject: (err: unknown) => void
}

function unavailable(what: string, err: unknown): StoreUnavailableError {
  const code = (err as { code?: unknown }).code
  const reason = typeof code === 'string' ? code : (err as Error).message
  return new StoreUnavailableError(`store cannot ${what} (${reason})`, { cause: err })
}

type Outcome = { ok: true; value: unknown } | { ok: false; err: unknown }

export class SqliteStore extends TableRowsDelegate implements Store {
  private readonly db: Database.Database
  private readonly pending: PendingWrite[] = []
  private readonly statements = new Map<string, Database.Statement>()
  private readonly chores = new Set<string>()
  /** The write-ahead log, fsynced after each commit off the event loop; undefined without WAL. */
  private readonly walFile: string | undefined
  private walFd: number | undefined
  /** A committed batch waiting for its fsync: its writes are answered when it ends. */
  private syncing: { batch: PendingWrite[]; outcomes: Outcome[] } | undefined
  private readonly fsync: (fd: number, done: (err: Error | null) => void) => void
  /**
   * The inputs of runs this store queued, by run id, in the order they were queued: their first
   * claim takes the input from here instead of reading it back from the row and the event (a
   * busy engine claims most of its runs from its own queue). Bounded, and it keeps the oldest:
   * claims take queued runs oldest first, so with a longer queue, dropping the oldest for the
   * newest dropped each input just before its claim (every claim missed). Those older than a
   * run claimed now were claimed elsewhere (another handle on the file) and are dropped then.
   * An input not found here is read from the row.
   */
  private readonly queuedInputs = new Map<string, { seq: number; input: Record<string, unknown> }>()
  private readonly keptInputs: number
  private readonly eventInputs: EventInputs | undefined
  /**
   * A batch's writes in one transaction (see commit), and whether one of them threw. Made once:
   * better-sqlite3 builds four wrapped functions for each transaction function.
   */
  private readonly inOneTransaction: Database.Transaction<(writes: readonly PendingWrite[]) => Outcome[]>
  private writeFailed = false
  /** Checkpoints the write-ahead log on a thread of its own; undefined without WAL. */
  private readonly checkpointer: Checkpointer | undefined

  constructor(file: string, opts: SqliteStoreOptions = {}) {
    super()
    this.db = new Database(file)
    refuseNewerFormat(this.db, file)
    enableIncrementalVacuum(this.db)
    const wal = this.db.pragma('journal_mode = WAL', { simple: true }) === 'wal'
    // the write-ahead log is cut back to this after each checkpoint, so it does not keep its peak size
    this.db.pragma('journal_size_limit = 4194304')
    this.fsync = opts.fsync ?? fsync
    this.keptInputs = opts.keptInputs ?? KEPT_INPUTS
    this.eventInputs = opts.eventInputs
    this.walFile = wal && !this.db.memory ? `${this.db.name}-wal` : undefined
    // With a write-ahead log, NORMAL: SQLite syncs it before each checkpoint and the database
    // after, never at a commit, and the store fsyncs the log itself after each commit, on the
    // thread pool, before answering any write of it. Same guarantee as FULL (nothing answered
    // before it is on disk), without the event loop standing still for every fsync.
    this.db.pragma(this.walFile ? 'synchronous = NORMAL' : 'synchronous = FULL')
    const busyTimeoutMs = Math.max(0, Math.floor(opts.busyTimeoutMs ?? 1500))
    this.db.pragma(`busy_timeout = ${busyTimeoutMs}`)
    // statement journals (savepoints, statements changing many rows) in memory, not in temporary files
    this.db.pragma('temp_store = MEMORY')
    this.db.exec(SCHEMA)
    addScheduleSchema(this.db)
    addWaitColumns(this.db)
    this.db.exec(TABLE_ROWS_SCHEMA)
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`)
    this.inOneTransaction = this.db.transaction((writes: readonly PendingWrite[]) =>
      writes.map((w): Outcome => {
        try {
          return { ok: true, value: w.step() }
        } catch (err) {
          this.writeFailed = true
          throw err
        }
      }),
    )
    if (this.walFile) {
      const db = this.db
      this.checkpointer = new Checkpointer({
        file: db.name,
        busyTimeoutMs,
        autocheckpoint: (pages) => {
          if (db.open) db.pragma(`wal_autocheckpoint = ${pages}`)
        },
      })
    }
  }

  /** Each SQL text is compiled once: preparing per call was a visible share of intake's time. */
  private sql(text: string): Database.Statement {
    let stmt = this.statements.get(text)
    if (!stmt) {
      stmt = this.db.prepare(text)
      this.statements.set(text, stmt)
    }
    return stmt
  }

  /** Runs one read; anything that stops it becomes StoreUnavailableError. */
  private guard<T>(what: string, step: () => T): Promise<T> {
    try {
      return Promise.resolve(step())
    } catch (err) {
      return Promise.reject(unavailable(what, err))
    }
  }

  /**
   * Group commit: the writes asked for while the previous batch is being fsynced (or, when none
   * is, in one turn of the event loop) share one transaction and one fsync, instead of one each.
   * One write failing does not undo the others (see commit), and each promise settles only
   * after the fsync: nothing is acknowledged before it is on disk.
   */
  private write<T>(what: string, step: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ what, step, resolve: resolve as (value: unknown) => void, reject })
      if (this.pending.length === 1 && !this.syncing) setImmediate(() => this.flush())
    })
  }

  /** `now`: the fsync on this thread (closing). */
  private flush(now = false): void {
    if (this.syncing && !now) return
    const batch = this.pending.splice(0)
    if (batch.length === 0) return
    let outcomes: Outcome[]
    try {
      outcomes = this.commit(batch)
      this.checkpointer?.committed()
    } catch (err) {
      // BEGIN or COMMIT failed (locked, disk full, closed): none of the batch was stored.
      for (const w of batch) w.reject(unavailable(w.what, err))
      this.flushSoon()
      return
    }
    if (this.walFile === undefined) {
      settle(batch, outcomes)
      return
    }
    let fd: number
    try {
      this.walFd ??= openSync(this.walFile, 'r')
      fd = this.walFd
    } catch (err) {
      // no log at all: nothing was written to it (empty transactions)
      settle(batch, outcomes, (err as { code?: unknown }).code === 'ENOENT' ? undefined : err)
      return
    }
    if (now) {
      settleSynced(batch, outcomes, fd)
      return
    }
    // Writes asked for meanwhile wait: they become the next batch, with its own fsync.
    this.syncing = { batch, outcomes }
    this.fsync(fd, (err) => {
      if (this.syncing?.batch !== batch) return // settled by close()
      this.syncing = undefined
      settle(batch, outcomes, err ?? undefined)
      this.flushSoon()
    })
  }

  /**
   * Runs the batch's writes in one transaction. A write that throws rolls the transaction back,
   * and the batch is run again with each write in a savepoint of its own, so that only the failing
   * write is undone. Not every time: a savepoint per write cost a third of the store's time.
   */
  private commit(batch: readonly PendingWrite[]): Outcome[] {
    this.writeFailed = false
    try {
      return this.inOneTransaction.immediate(batch)
    } catch (err) {
      if (!this.writeFailed) throw err
    }
    return this.db
      .transaction(() =>
        batch.map((w): Outcome => {
          try {
            return { ok: true, value: this.db.transaction(w.step)() }
          } catch (err) {
            return { ok: false, err }
          }
        }),
      )
      .immediate()
  }

  private flushSoon(): void {
    if (this.pending.length > 0) setImmediate(() => this.flush())
  }

  acceptDelivery(delivery: Delivery, runs: NewRun[], opts: { claim?: IntakeClaim } = {}): Promise<AcceptResult> {
    const at = delivery.receivedAt.getTime()
    // an event that runs no flow is kept for dedup only: its raw data (personal data) is not stored
    const needed = new Set(runs.map((r) => r.eventUuid))
    // of events sharing a uuid, the first is stored (the others add nothing), and its runs' inputs refer to it
    const raws = new Map<string, string | Buffer>()
    for (const e of delivery.events) if (needed.has(e.uuid) && !raws.has(e.uuid)) raws.set(e.uuid, packed(JSON.stringify(e.raw)))
    return this.write('store the delivery', (): AcceptResult => {
      const seen = this.sql('INSERT OR IGNORE INTO deliveries (event_id, received_at, event_count) VALUES (?, ?, ?)')
        .run(delivery.eventId, at, delivery.events.length)
      if (seen.changes === 0) return { duplicate: true, storedEvents: 0, runIds: [], ...(opts.claim && { claimed: [] }) }
      const insertEvent = this.sql(
        'INSERT OR IGNORE INTO events (uuid, delivery_id, event_type, published, raw, received_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      // the events stored now, with what Okta sent: their runs' inputs refer to it
      const fresh = new Map<string, unknown>()
      for (const e of delivery.events) {
        const r = insertEvent.run(e.uuid, delivery.eventId, e.eventType, e.published, raws.get(e.uuid) ?? TOMBSTONE, at)
        if (r.changes > 0) fresh.set(e.uuid, e.raw)
      }
      const runIds: string[] = []
      const claimed: ClaimedRun[] = []
      for (const run of runs) {
        // An event stored by an earlier delivery already has its runs.
        if (run.eventUuid === undefined || !fresh.has(run.eventUuid)) continue
        const claim = opts.claim !== undefined && claimed.length < opts.claim.runs
        const seq = this.insertRun(run, at, claim ? at + opts.claim!.leaseMs : undefined, { raw: fresh.get(run.eventUuid) })
        runIds.push(run.id)
        if (claim) claimed.push(claimedAtOnce(run))
        else this.rememberInput(run, seq)
      }
      return { duplicate: false, storedEvents: fresh.size, runIds, ...(opts.claim && { claimed }) }
    })
  }

  /**
   * Returns the run's seq. `raw`: the run's event as stored with it, which its input may refer
   * to; `slot`: the schedule slot it was fired for.
   */
  private insertRun(run: NewRun, at: number, leaseUntil: number | undefined, { raw, slot }: { raw?: unknown; slot?: string } = {}): number {
    const { lastInsertRowid } = this.sql(
        `INSERT INTO runs (id, flow, source, event_uuid, replay_of, input, input_error, status, attempts, due_at, lease_until, created_at, slot, started_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.id,
        run.flow,
        run.source,
        run.eventUuid ?? null,
        run.replayOf ?? null,
        run.input === undefined ? null : this.storedInput(run.input, run.inputFrom, raw),
        run.inputError === undefined ? null : JSON.stringify(run.inputError),
        leaseUntil === undefined ? 'queued' : 'running',
        leaseUntil === undefined ? 0 : 1,
        at,
        leaseUntil ?? null,
        at,
        slot ?? null,
        run.startedBy ?? null,
      )
    return Number(lastInsertRowid)
  }

  /**
   * The input as written: the trigger card and the delivery when the input was built from the
   * very event stored with the run (of events sharing a uuid in one delivery only the first is
   * stored), else the input itself, referring to its event's parts.
   */
  private storedInput(input: Record<string, unknown>, from: NewRun['inputFrom'], raw: unknown): string | Buffer {
    if (from && raw !== undefined && from.event === raw && this.eventInputs) return encodeInputSource(from)
    return packed(encodeInput(input, raw))
  }

  enqueueRun(run: NewRun, opts: { leaseMs?: number } = {}): Promise<ClaimedRun> {
    const now = Date.now()
    return this.write('enqueue the run', () => {
      this.insertRun(run, now, opts.leaseMs === undefined ? undefined : now + opts.leaseMs)
      return toClaimed(this.sql(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`).get(run.id) as RunRow)
    })
  }

  claimRuns(n: number, leaseMs: number): Promise<ClaimedRun[]> {
    const now = Date.now()
    return this.write('claim runs', () => {
      // Three short walks, each stopping after n rows: queued runs in seq order (runs_status_seq;
      // `+due_at` keeps SQLite from sorting by due time), runs whose lease ran out, waiting runs
      // by due time (runs_waiting, named: without statistics SQLite took runs_status_seq and sorted
      // every waiting run; those not due are never read).
      // Then the oldest n are updated one by one, in this transaction. One UPDATE ... WHERE seq
      // IN (the three UNION ALL) did the same in 4-5 times the time.
      const picked = CLAIM_WALKS.flatMap((sql) => this.sql(sql).pluck().all(now, n) as number[])
        .sort((a, b) => a - b)
        .slice(0, n)
      const claim = this.sql(
        `UPDATE runs SET status = 'running', attempts = attempts + 1, lease_until = ? WHERE seq = ? RETURNING ${CLAIM_COLUMNS}`,
      )
      return picked.map((seq) => {
        const row = claim.get(now + leaseMs, seq) as RunRow
        return toClaimedWith(row, () => this.eventRaw(row.event_uuid), this.eventInputs, this.queuedInput(row))
      })
    })
  }

  private rememberInput(run: NewRun, seq: number): void {
    if (run.input === undefined || this.queuedInputs.size >= this.keptInputs) return
    this.queuedInputs.set(run.id, { seq, input: run.input })
  }

  /** The input a run was queued with, at its first claim, if it is kept; also drops those claimed elsewhere. */
  private queuedInput(row: RunRow): Record<string, unknown> | undefined {
    const kept = this.queuedInputs.get(row.id)
    this.queuedInputs.delete(row.id)
    if (row.attempts !== 1) return undefined
    // first claims take queued runs in seq order: one queued before this one and still kept was claimed elsewhere
    for (const [id, older] of this.queuedInputs) {
      if (older.seq > row.seq) break
      this.queuedInputs.delete(id)
    }
    return kept?.input
  }

  private eventRaw(uuid: string | null): unknown {
    const raw = uuid === null ? undefined : (this.sql('SELECT raw FROM events WHERE uuid = ?').pluck().get(uuid) as string | Buffer | undefined)
    return raw === undefined ? undefined : JSON.parse(unpacked(raw))
  }

  extendLease(run: ClaimedRun, leaseMs: number): Promise<boolean> {
    return this.write('extend a lease', () => {
      const r = this.sql(`UPDATE runs SET lease_until = ? WHERE id = ? AND attempts = ? AND status = 'running'`)
        .run(Date.now() + leaseMs, run.id, run.attempt)
      return r.changes > 0
    })
  }

  finishRun(run: ClaimedRun, record: RunRecord): Promise<boolean> {
    const history = packed(encodeRecord(record, run.input))
    return this.write('finish the run', () => {
      const row = this.sql(
          `UPDATE runs SET status = ?, finished_at = ?, lease_until = NULL, record = NULL, error = ?
           WHERE id = ? AND attempts = ? AND status = 'running' RETURNING seq`,
        )
        .get(record.status, Date.now(), record.error ? JSON.stringify(record.error) : null, run.id, run.attempt) as { seq: number } | undefined
      return this.keepRecord(row, history)
    })
  }

  retryRunLater(run: ClaimedRun, notBefore: Date, record: RunRecord): Promise<boolean> {
    const history = packed(encodeRecord(record, run.input))
    return this.write('requeue the run', () => {
      const row = this.sql(
          `UPDATE runs SET status = 'queued', due_at = ?, lease_until = NULL, record = NULL, error = ?
           WHERE id = ? AND attempts = ? AND status = 'running' RETURNING seq`,
        )
        .get(notBefore.getTime(), record.error ? JSON.stringify(record.error) : null, run.id, run.attempt) as { seq: number } | undefined
      return this.keepRecord(row, history)
    })
  }

  /**
   * Writes the history of the run `row` is (none: the claim was lost, nothing is written) in
   * `run_records`, apart from the run's row: a row that grew by its history when the run ended
   * split its page, and the pages of `runs` stayed half empty (6.5 KB stored per event; 4.9 with
   * the history apart, measured on the store's statements).
   */
  private keepRecord(row: { seq: number } | undefined, history: string | Buffer): boolean {
    if (!row) return false
    this.sql('INSERT OR REPLACE INTO run_records (seq, record) VALUES (?, ?)').run(row.seq, history)
    return true
  }

  // --- waits (Wait For, Wait Until, Pause) ---
  suspendRun(run: ClaimedRun, record: RunRecord): Promise<boolean> {
    const due = record.waitUntil === undefined ? PAUSED_DUE_MS : Date.parse(record.waitUntil)
    const resume = JSON.stringify({ record, attempt: run.attempt })
    return this.write('store the waiting run', () => {
      const row = this.sql(
          `UPDATE runs SET status = 'waiting', due_at = ?, lease_until = NULL, record = NULL, error = NULL, resume = ?, resume_with = NULL
           WHERE id = ? AND attempts = ? AND status = 'running' RETURNING seq`,
        )
        .get(due, resume, run.id, run.attempt) as { seq: number } | undefined
      return this.keepRecord(row, JSON.stringify(record))
    })
  }

  resumeRun(id: string, flow: string, sent: Record<string, unknown>, opts: { leaseMs?: number } = {}): Promise<ClaimedRun | undefined> {
    const now = Date.now()
    const claim = opts.leaseMs !== undefined
    return this.write('resume the run', () => {
      const row = this.sql(
          `UPDATE runs SET due_at = ?, resume_with = ?,
             status = CASE WHEN ? THEN 'running' ELSE status END,
             attempts = attempts + CASE WHEN ? THEN 1 ELSE 0 END,
             lease_until = CASE WHEN ? THEN ? ELSE NULL END
           WHERE id = ? AND flow = ? AND status = 'waiting' AND due_at = ?
           RETURNING ${CLAIM_COLUMNS}`,
        )
        .get(now, JSON.stringify(sent), claim ? 1 : 0, claim ? 1 : 0, claim ? 1 : 0, now + (opts.leaseMs ?? 0), id, flow, PAUSED_DUE_MS) as RunRow | undefined
      return row && toClaimedWith(row, () => this.eventRaw(row.event_uuid), this.eventInputs)
    })
  }
  // --- end of waits ---

  steps(runId: string): Promise<StepRecord[]> {
    return this.guard('read the step journal', () => {
      const rows = this.sql('SELECT key, attempt, state, output FROM steps WHERE run_id = ?').all(runId) as { key: string; attempt: number; state: string; output: string | null }[]
      return rows.map((r) => ({ key: r.key, attempt: r.attempt, state: r.state as StepState, ...(r.output !== null && { output: JSON.parse(r.output) as unknown }) }))
    })
  }

  recordStep(run: ClaimedRun, step: Omit<StepRecord, 'attempt'>): Promise<boolean> {
    const output = step.output === undefined ? null : JSON.stringify(step.output)
    return this.write('record a step', () => {
      // written only while this claim holds the run: a stale claim learns it must not send
      return this.sql(
          `INSERT INTO steps (run_id, key, attempt, state, output)
           SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM runs WHERE id = ? AND attempts = ? AND status = 'running')
           ON CONFLICT (run_id, key) DO UPDATE SET attempt = excluded.attempt, state = excluded.state, output = excluded.output`,
        )
        .run(run.id, step.key, run.attempt, step.state, output, run.id, run.attempt).changes > 0
    })
  }

  resetInFlight(): Promise<number> {
    return this.write('reset claimed runs', () => {
      return this.sql(`UPDATE runs SET status = 'queued', lease_until = NULL WHERE status = 'running'`).run().changes
    })
  }

  listRuns(filter: RunFilter): Promise<RunSummary[]> {
    const where: string[] = []
    const args: (string | number)[] = []
    const add = (clause: string, arg: string | number) => {
      where.push(clause)
      args.push(arg)
    }
    if (filter.flow !== undefined) add('flow = ?', filter.flow)
    if (filter.status !== undefined) add('status = ?', filter.status)
    if (filter.since !== undefined) add('created_at >= ?', filter.since.getTime())
    const sql = `SELECT ${SUMMARY_COLUMNS} FROM runs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`
    return this.guard('list runs', () => (this.sql(sql).all(...args, filter.limit ?? 100) as RunRow[]).map(toSummary))
  }

  getRun(id: string): Promise<StoredRun | undefined> {
    return this.guard('read the run', () => {
      const row = this.sql(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`).get(id) as RunRow | undefined
      if (!row) return undefined
      const event = row.event_uuid
        ? (this.sql('SELECT uuid, event_type, published, raw FROM events WHERE uuid = ?').get(row.event_uuid) as EventRow | undefined)
        : undefined
      return toStoredRun(row, event, this.eventInputs)
    })
  }

  prune(policy: RetentionPolicy): Promise<number> {
    return pruneSqlite(this.db, (what, step) => this.write(what, step), policy)
  }

  stats(): Promise<StoreStats> {
    return this.guard('count runs', () => {
      const rows = this.sql('SELECT status, COUNT(*) AS n FROM runs GROUP BY status').all() as { status: string; n: number }[]
      const count = (s: string) => rows.find((r) => r.status === s)?.n ?? 0
      return { queued: count('queued'), running: count('running'), waiting: count('waiting'), finished: FINISHED_STATUSES.reduce((sum, s) => sum + count(s), 0) }
    })
  }

  /** One engine owns the file: the names of chores running in this process are the lock. */
  async exclusive(name: string, work: () => Promise<void>): Promise<boolean> {
    if (this.chores.has(name)) return false
    this.chores.add(name)
    try {
      await work()
      return true
    } finally {
      this.chores.delete(name)
    }
  }

  // ── Scheduled flows ──────────────────────────────────────────────────────────────────────────
  lastSlot(flow: string): Promise<Date | undefined> {
    return this.guard('read the schedule', () => {
      const row = this.sql('SELECT slot_at FROM schedule_slots WHERE flow = ?').get(flow) as { slot_at: number } | undefined
      return row && new Date(row.slot_at)
    })
  }

  claimSlot(flow: string, at: Date, run?: NewRun): Promise<boolean> {
    const slot = at.getTime()
    return this.write('claim a scheduled slot', () => {
      const now = Date.now()
      const claimed = this.sql(
          `INSERT INTO schedule_slots (flow, slot_at, run_id, recorded_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (flow) DO UPDATE SET slot_at = excluded.slot_at, run_id = excluded.run_id, recorded_at = excluded.recorded_at
           WHERE schedule_slots.slot_at < excluded.slot_at`,
        )
        .run(flow, slot, run?.id ?? null, now).changes > 0
      if (claimed && run) this.insertRun({ ...run, flow, source: 'schedule' }, now, undefined, { slot: at.toISOString() })
      return claimed
    })
  }
  // ── end of scheduled flows ───────────────────────────────────────────────────────────────────

  ping(): Promise<void> {
    return this.write('write', () => {
      this.sql(`INSERT INTO meta (key, value) VALUES ('ping', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(new Date().toISOString())
    })
  }

  // ---- table rows (Tables cards): see sqlite-tables.ts ----
  protected readonly tableRows: TableRows = sqliteTableRows({
    sql: (text) => this.sql(text),
    write: (what, step) => this.write(what, step),
    read: (what, step) => this.guard(what, step),
  })
  // ---- end of table rows ----

  async close(): Promise<void> {
    if (this.db.open) {
      // what is being fsynced, and what waits for it, is committed and synced here before closing
      const syncing = this.syncing
      this.syncing = undefined
      if (syncing) settleSynced(syncing.batch, syncing.outcomes, this.walFd)
      this.flush(true)
      this.db.close()
    }
    if (this.walFd !== undefined) closeSync(this.walFd)
    this.walFd = undefined
    // the checkpointing connection, last, copies the rest of the log into the database as it closes
    await this.checkpointer?.close()
  }
}

/**
 * A file written by a newer cardflow may hold rows this version cannot read (a new packed
 * format, say): it is left as it is, and the engine does not start on it.
 */
function refuseNewerFormat(db: Database.Database, file: string): void {
  const found = db.pragma('user_version', { simple: true }) as number
  if (found <= SCHEMA_VERSION) return
  db.close()
  throw new Error(
    `${file} was written by a newer version of cardflow (store format ${found}; this version reads format ${SCHEMA_VERSION} and older): ` +
      'run that version, or a copy of the file made before it was used',
  )
}

/** Answers each write of a committed batch; all of them fail when it could not be made durable. */
function settle(batch: PendingWrite[], outcomes: Outcome[], syncErr?: unknown): void {
  batch.forEach((w, i) => {
    const o = outcomes[i]!
    if (syncErr !== undefined) w.reject(unavailable(w.what, syncErr))
    else if (o.ok) w.resolve(o.value)
    else w.reject(unavailable(w.what, o.err))
  })
}

/** settle, after an fsync on this thread (closing: the thread pool's may not end first). */
function settleSynced(batch: PendingWrite[], outcomes: Outcome[], fd: number | undefined): void {
  let err: unknown
  try {
    if (fd !== undefined) fsyncSync(fd)
  } catch (e) {
    err = e
  }
  settle(batch, outcomes, err)
}

/** Opens (creating when needed) the store in a SQLite file; its directory must exist. */
export async function openSqliteStore(file: string, opts: SqliteStoreOptions = {}): Promise<SqliteStore> {
  return new SqliteStore(file, opts)
}
