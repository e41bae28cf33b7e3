/**
 * The PostgreSQL tables of the store, as numbered migrations applied at start. Engines starting
 * together take one advisory lock first, so exactly one of them applies what is missing while
 * the others wait, then find it done. A new store method that needs a table or column adds one
 * migration at the end of MIGRATIONS; a migration is never edited once released.
 */
import type pg from 'pg'
import { ConfigError } from '../engine/errors.ts'
import { untimed } from './postgres-config.ts'
import { TABLE_ROWS_MIGRATION } from './postgres-tables.ts'

interface Migration {
  version: number
  why: string
  sql: string
}

const FINISHED = `('succeeded', 'failed', 'stopped')`

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    why: 'inbox, run queue and history',
    sql: `
CREATE TABLE deliveries (
  event_id text PRIMARY KEY,
  received_at timestamptz NOT NULL,
  event_count integer NOT NULL
);
CREATE INDEX deliveries_received ON deliveries (received_at);
-- raw JSON is kept as text: jsonb would reorder it and refuses some valid JSON (\\u0000)
CREATE TABLE events (
  uuid text PRIMARY KEY,
  delivery_id text NOT NULL,
  event_type text NOT NULL,
  published text NOT NULL,
  raw text NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX events_received ON events (received_at);
CREATE TABLE runs (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  flow text NOT NULL,
  source text NOT NULL CHECK (source IN ('event', 'request', 'replay')),
  event_uuid text,
  replay_of text,
  input text,
  input_error text,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'stopped')),
  attempts integer NOT NULL DEFAULT 0,
  due_at timestamptz NOT NULL,
  lease_until timestamptz,
  -- the engine holding the lease (host:pid), for operators and for take-over checks
  claimed_by text,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  record text,
  error text
);
-- An event runs each flow once, whichever engine took its deliveries; replays are separate runs.
CREATE UNIQUE INDEX runs_event_flow ON runs (event_uuid, flow) WHERE source = 'event';
-- Claims walk these small partial indexes in order and stop after a few rows.
CREATE INDEX runs_queued ON runs (seq) WHERE status = 'queued';
CREATE INDEX runs_leased ON runs (lease_until) WHERE status = 'running';
CREATE INDEX runs_finished ON runs (seq) WHERE status IN ${FINISHED};
CREATE INDEX runs_flow ON runs (flow, seq);
CREATE INDEX runs_event ON runs (event_uuid);
CREATE INDEX runs_created ON runs (created_at);
-- Engines LISTEN on one channel per schema: runs queued into an empty queue wake them without a
-- poll. While older runs wait, the engines are busy with them and claim again after each run, so
-- no notification is sent: each one costs every listening engine a transaction and a claim.
CREATE FUNCTION cardflow_notify_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM added WHERE status = 'queued') AND NOT EXISTS (
    SELECT 1 FROM runs WHERE status = 'queued' AND due_at <= now() AND seq < (SELECT min(seq) FROM added)
  ) THEN
    PERFORM pg_notify('cardflow_work_' || TG_TABLE_SCHEMA, '');
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER runs_notify_work AFTER INSERT ON runs REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION cardflow_notify_work();
`,
  },
  {
    version: 2,
    why: 'the step journal of connector calls',
    sql: `
-- Each non-idempotent connector call of a run, before it is sent and when it ends.
CREATE TABLE steps (
  run_id text NOT NULL,
  key text NOT NULL,
  attempt integer NOT NULL,
  state text NOT NULL CHECK (state IN ('intent', 'done', 'not-sent', 'unknown')),
  output text,
  PRIMARY KEY (run_id, key)
);
`,
  },
  // --- tables (Tables cards) ---
  { version: 3, why: 'rows of the tables flows keep (Tables cards)', sql: TABLE_ROWS_MIGRATION },
  // --- end of tables ---
  // ── Scheduled and delegated flows (version 3 is the tables') ──
  {
    version: 4,
    why: 'scheduled slots, and who ran a delegated flow',
    sql: `
ALTER TABLE runs ADD COLUMN slot text, ADD COLUMN started_by text;
ALTER TABLE runs DROP CONSTRAINT runs_source_check;
ALTER TABLE runs ADD CONSTRAINT runs_source_check CHECK (source IN ('event', 'request', 'replay', 'schedule', 'delegated'));
-- a slot of a flow's schedule runs it once, whichever engine fired it
CREATE UNIQUE INDEX runs_flow_slot ON runs (flow, slot) WHERE slot IS NOT NULL;
-- each flow's latest slot, fired or passed over: a slot is claimed only past it, so none fires
-- twice, even once its run is pruned
CREATE TABLE schedule_slots (
  flow text PRIMARY KEY,
  slot_at timestamptz NOT NULL,
  run_id text,
  recorded_at timestamptz NOT NULL
);
`,
  },
  // ── end of scheduled and delegated flows ──
  // --- waits (Wait For, Wait Until, Pause); versions 3 and 4 are other changes' ---
  {
    version: 5,
    why: 'runs waiting for their due time or a resume request',
    sql: `
ALTER TABLE runs DROP CONSTRAINT runs_status_check;
ALTER TABLE runs ADD CONSTRAINT runs_status_check
  CHECK (status IN ('queued', 'running', 'waiting', 'succeeded', 'failed', 'stopped'));
-- resume: the record a waiting run stored and the attempt that stored it (JSON);
-- resume_with: what the resume request of a paused run sent (JSON). A paused run is due at
-- 'infinity' until that request comes.
ALTER TABLE runs ADD COLUMN resume text, ADD COLUMN resume_with text;
-- Claims walk waiting runs by due time and stop at the first not due yet.
CREATE INDEX runs_waiting ON runs (due_at) WHERE status = 'waiting';
`,
  },
  // --- end of waits ---
]

export const LATEST_VERSION = MIGRATIONS.at(-1)!.version

/** The channel engines LISTEN on for new work (see cardflow_notify_work). */
export const workChannel = (schema: string) => `cardflow_work_${schema}`

/** Key of an advisory lock that only engines of this store (database and schema) contend for. */
export const lockKey = (schema: string, name: string) => `cardflow:${schema}:${name}`

/** Run columns as the row mapping reads them: times in epoch milliseconds, like the SQLite store. */
const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8 AS ${column}`
export const RUN_COLUMNS = [
  'seq',
  'id',
  'flow',
  'source',
  'event_uuid',
  'replay_of',
  'input',
  'input_error',
  'status',
  'attempts',
  ms('due_at'),
  ms('created_at'),
  ms('finished_at'),
  'record',
  'error',
  'slot',
  'started_by',
].join(', ')

/**
 * Brings the schema to LATEST_VERSION under an advisory lock held for the transaction; DDL is
 * transactional in PostgreSQL, so a failed migration leaves nothing half done. With
 * `create: false` (commands that only read) the store must exist at the latest version.
 */
export async function migrate(client: pg.ClientBase, schema: string, described: string, create: boolean): Promise<void> {
  const run = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) => client.query<R>(untimed(text, values))
  await run('BEGIN')
  try {
    // Waiting for another engine's migration is bounded; the migration itself is not.
    await run(`SET LOCAL statement_timeout = '120s'`)
    await run('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey(schema, 'migrate')])
    await run('SET LOCAL statement_timeout = 0')
    const exists = await run<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [`"${schema}".cardflow_migrations`])
    if (!exists.rows[0]!.present) {
      if (!create) throw new ConfigError(`no cardflow store in ${described} (start \`flow serve --store …\` on it first)`)
      await run(`CREATE SCHEMA IF NOT EXISTS "${schema}"`)
      await run(`CREATE TABLE "${schema}".cardflow_migrations (version integer PRIMARY KEY, why text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
    }
    await run(`SET LOCAL search_path = "${schema}"`)
    // Versions are applied by set, not only past the highest: changes developed side by side
    // number their migrations apart, and a store may have a later one before an earlier one.
    const { rows } = await run<{ version: number }>('SELECT version FROM cardflow_migrations')
    const applied = new Set(rows.map((r) => r.version))
    const current = Math.max(0, ...applied)
    if (current > LATEST_VERSION) {
      throw new ConfigError(`the store in ${described} is at schema version ${current}, newer than this cardflow knows (${LATEST_VERSION}): upgrade cardflow`)
    }
    const missing = MIGRATIONS.filter((m) => !applied.has(m.version))
    if (missing.length > 0 && !create) {
      throw new ConfigError(`the store in ${described} lacks schema version(s) ${missing.map((m) => m.version).join(', ')}; start \`flow serve\` of this version once to bring it to ${LATEST_VERSION}`)
    }
    for (const m of missing) {
      await run(m.sql)
      await run('INSERT INTO cardflow_migrations (version, why) VALUES ($1, $2)', [m.version, m.why])
    }
    await run('COMMIT')
  } catch (err) {
    await run('ROLLBACK').catch(() => undefined)
    throw err
  }
}
