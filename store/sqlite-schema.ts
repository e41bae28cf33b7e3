/** The SQLite tables of the store, and how a row becomes the store's plain data. */
import { type ErrorRecord, toErrorRecord } from '../engine/errors.ts'
import type { EventInputs } from '../engine/input.ts'
import { decodeInput, decodeRecord, unpacked } from './sqlite-compact.ts'
import type { ClaimedRun, ResumePoint, RunSource, RunSummary, StoredRun, StoredRunStatus } from './store.ts'

/**
 * The file's format (`PRAGMA user_version`); a store refuses a file of a later one. 3: values
 * packed (sqlite-compact.ts) and histories in `run_records`. 4: values packed with Zstandard
 * (format byte 2), which a version of format 3 cannot read; rows packed before still read. 5:
 * event runs' inputs kept as their trigger card and delivery (`^`), built again when read.
 */
export const SCHEMA_VERSION = 5

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS deliveries (
  event_id TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL,
  event_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  uuid TEXT PRIMARY KEY,
  delivery_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  published TEXT NOT NULL,
  raw TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_received ON events(received_at);
CREATE INDEX IF NOT EXISTS deliveries_received ON deliveries(received_at);
CREATE TABLE IF NOT EXISTS runs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  flow TEXT NOT NULL,
  source TEXT NOT NULL,
  event_uuid TEXT,
  replay_of TEXT,
  input TEXT,
  input_error TEXT,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  due_at INTEGER NOT NULL,
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  record TEXT,
  error TEXT
);
-- An event runs each flow once, whatever happens to its deliveries; replays are separate runs.
-- Its runs are stored only in the transaction that stores the event (events' primary key), so
-- no index checks it again: a unique index on (event_uuid, flow) cost a random page per run.
DROP INDEX IF EXISTS runs_event_flow;
-- Waiting runs by due time, and only they: an index of every run by (status, due_at) changed
-- with each run's every status, for the one claim that reads it (waiting runs that are due).
DROP INDEX IF EXISTS runs_queue;
CREATE INDEX IF NOT EXISTS runs_waiting ON runs(due_at) WHERE status = 'waiting';
-- Claims walk the queue in seq order and stop after a few rows, however long the backlog.
CREATE INDEX IF NOT EXISTS runs_status_seq ON runs(status, seq);
CREATE INDEX IF NOT EXISTS runs_flow ON runs(flow, seq);
CREATE INDEX IF NOT EXISTS runs_event ON runs(event_uuid);
-- A run's history (its record), apart from its row: written once, when the run ends (or
-- stops to wait, or is put back to be retried). Runs stored before it keep theirs in runs.record.
CREATE TABLE IF NOT EXISTS run_records (seq INTEGER PRIMARY KEY, record BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- The step journal: each non-idempotent connector call of a run, before it is sent and when it ends.
CREATE TABLE IF NOT EXISTS steps (
  run_id TEXT NOT NULL,
  key TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  state TEXT NOT NULL,
  output TEXT,
  PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
`

// ── Scheduled and delegated flows ────────────────────────────────────────────────────────────
/**
 * A run's slot (scheduled flows) and who ran it (delegated flows) are columns added to `runs`
 * (ALTER TABLE has no IF NOT EXISTS in SQLite: `addRunColumns` checks first); the slot of a flow
 * is unique among its runs. `schedule_slots` holds each flow's latest slot, fired or passed over:
 * a slot is claimed only past it, so none fires twice even once its run is pruned.
 */
export const SCHEDULE_SCHEMA = `
CREATE UNIQUE INDEX IF NOT EXISTS runs_flow_slot ON runs(flow, slot) WHERE slot IS NOT NULL;
CREATE TABLE IF NOT EXISTS schedule_slots (
  flow TEXT PRIMARY KEY,
  slot_at INTEGER NOT NULL,
  run_id TEXT,
  recorded_at INTEGER NOT NULL
);
`
export const SCHEDULE_RUN_COLUMNS = ['slot', 'started_by'] as const

/** Adds the run columns an older file lacks, then the tables and index that use them. */
export function addScheduleSchema(db: { prepare(sql: string): { all(): unknown[] }; exec(sql: string): unknown }): void {
  const have = new Set((db.prepare('PRAGMA table_info(runs)').all() as { name: string }[]).map((c) => c.name))
  for (const column of SCHEDULE_RUN_COLUMNS) if (!have.has(column)) db.exec(`ALTER TABLE runs ADD COLUMN ${column} TEXT`)
  db.exec(SCHEDULE_SCHEMA)
}
// ── end of scheduled and delegated flows ─────────────────────────────────────────────────────
// --- waits (Wait For, Wait Until, Pause) ---
/**
 * A waiting run is claimed when its `due_at` has come; a paused one (no due time until a resume
 * request) is due at this instant, which never comes. Past the largest PostgreSQL date too.
 */
export const PAUSED_DUE_MS = Number.MAX_SAFE_INTEGER

/**
 * Columns added to `runs` for waits: `resume` (JSON: the record a waiting run stored and the
 * attempt that stored it) and `resume_with` (JSON: what the resume request of a paused run sent).
 * SQLite has no ADD COLUMN IF NOT EXISTS: each is added when the table lacks it.
 */
const WAIT_COLUMNS = ['resume', 'resume_with'] as const

export function addWaitColumns(db: { prepare(sql: string): { all(): unknown[] }; exec(sql: string): unknown }): void {
  const have = new Set((db.prepare('PRAGMA table_info(runs)').all() as { name: string }[]).map((c) => c.name))
  for (const column of WAIT_COLUMNS) if (!have.has(column)) db.exec(`ALTER TABLE runs ADD COLUMN ${column} TEXT`)
}

/** Where a claimed run resumes from, read from the columns a claim returns. */
function resumePoint(row: RunRow): ResumePoint | undefined {
  const point = parse<Omit<ResumePoint, 'sent'>>(row.resume ?? null)
  if (!point) return undefined
  const sent = parse<Record<string, unknown>>(row.resume_with ?? null)
  return { ...point, ...(sent && { sent }) }
}

/** A waiting run's due time, when it has one. */
function waitUntil(row: RunRow): string | undefined {
  const due = Number(row.due_at)
  return row.status === 'waiting' && Number.isFinite(due) && due < PAUSED_DUE_MS ? new Date(due).toISOString() : undefined
}
// --- end of waits ---

export interface RunRow {
  seq: number
  id: string
  flow: string
  source: string
  event_uuid: string | null
  replay_of: string | null
  /** Text, or packed (sqlite-compact.ts). */
  input: string | Buffer | null
  input_error: string | null
  status: string
  attempts: number
  due_at: number
  /** Only in what a claim returns (see resumePoint). */
  resume?: string | null
  resume_with?: string | null
  created_at: number
  finished_at: number | null
  /** Text, or packed (sqlite-compact.ts). */
  record: string | Buffer | null
  error: string | null
  slot: string | null
  started_by: string | null
}

export interface EventRow {
  uuid: string
  event_type: string
  published: string
  /** Text, or packed (sqlite-compact.ts). */
  raw: string | Buffer
}

const parse = <T>(text: string | null): T | undefined => (text === null ? undefined : (JSON.parse(text) as T))
const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString())

/** A run read without its event: PostgreSQL's (which keeps inputs whole), one enqueued without an event. */
export function toClaimed(row: RunRow): ClaimedRun {
  return toClaimedWith(row, () => undefined, undefined)
}

/**
 * The run's input and why it has none: an input that cannot be built again from its event (its
 * trigger card gone from this engine, say) is the run's input error, so the run fails visibly.
 */
function inputOf(row: RunRow, raw: () => unknown, eventInputs: EventInputs | undefined): { input: Record<string, unknown> | undefined; inputError: ErrorRecord | undefined } {
  const inputError = parse<ErrorRecord>(row.input_error)
  if (row.input === null) return { input: undefined, inputError }
  try {
    return { input: decodeInput(row.input, raw, eventInputs), inputError }
  } catch (err) {
    return { input: undefined, inputError: inputError ?? toErrorRecord(err) }
  }
}

/**
 * `raw` gives the run's event as Okta sent it, for an input that refers to it or is built from it
 * (sqlite-compact.ts); `input`, the input when the caller has it already (then the row's is not
 * read).
 */
export function toClaimedWith(row: RunRow, raw: () => unknown, eventInputs: EventInputs | undefined, input?: Record<string, unknown>): ClaimedRun {
  return {
    id: row.id,
    flow: row.flow,
    source: row.source as RunSource,
    eventUuid: row.event_uuid ?? undefined,
    ...(input ? { input, inputError: parse<ErrorRecord>(row.input_error) } : inputOf(row, raw, eventInputs)),
    attempt: row.attempts,
    ...(row.resume && { resume: resumePoint(row) }),
  }
}

export function toSummary(row: RunRow): RunSummary {
  const until = waitUntil(row)
  return {
    id: row.id,
    flow: row.flow,
    source: row.source as RunSource,
    status: row.status as StoredRunStatus,
    attempts: row.attempts,
    eventUuid: row.event_uuid ?? undefined,
    replayOf: row.replay_of ?? undefined,
    createdAt: iso(row.created_at)!,
    finishedAt: iso(row.finished_at),
    error: parse<ErrorRecord>(row.error),
    ...(row.slot !== null && row.slot !== undefined && { slot: row.slot }),
    ...(row.started_by !== null && row.started_by !== undefined && { startedBy: row.started_by }),
    ...(until && { waitUntil: until }),
  }
}

export function toStoredRun(row: RunRow, event: EventRow | undefined, eventInputs: EventInputs | undefined): StoredRun {
  const raw = event && (JSON.parse(unpacked(event.raw)) as unknown)
  const { input, inputError } = inputOf(row, () => raw, eventInputs)
  return {
    ...toSummary(row),
    input,
    inputError,
    record: row.record === null ? undefined : decodeRecord(row.record, () => input),
    event: event && { uuid: event.uuid, eventType: event.event_type, published: event.published, raw },
  }
}
