/**
 * The statements of the PostgreSQL store, one per store call, each one round trip. Named ones
 * are prepared once per connection. Times are the database's (`now()`), so engines whose clocks
 * differ agree on leases and due times.
 */
import { RUN_COLUMNS } from './postgres-schema.ts'

/** What a claim returns: the run, and where it resumes from when it waited. */
const CLAIM_COLUMNS = `${RUN_COLUMNS}, resume, resume_with`

/** One statement: a name makes node-postgres prepare it once per connection. */
export interface Statement {
  name?: string
  text: string
}

export const SQL = {
  accept: {
    name: 'cardflow_accept',
    text: `
      WITH delivery AS (
        INSERT INTO deliveries (event_id, received_at, event_count) VALUES ($1::text, $2::timestamptz, $3::int)
        ON CONFLICT DO NOTHING RETURNING event_id
      ), fresh AS (
        INSERT INTO events (uuid, delivery_id, event_type, published, raw, received_at)
        SELECT e.uuid, $1, e.event_type, e.published, e.raw, $2
        FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS e (uuid, event_type, published, raw)
        WHERE EXISTS (SELECT 1 FROM delivery)
        ORDER BY e.uuid
        ON CONFLICT DO NOTHING RETURNING uuid
      ), planned AS (
        SELECT * FROM unnest($8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
          WITH ORDINALITY AS p (id, flow, event_uuid, input, input_error, ord)
      ), kept AS (
        -- the first $13 new runs are claimed by this engine at once (attempt 1, its lease)
        SELECT p.*, row_number() OVER (ORDER BY p.ord) <= $13::int AS claim
        FROM planned p WHERE p.event_uuid IN (SELECT uuid FROM fresh)
      ), queued AS (
        INSERT INTO runs (id, flow, source, event_uuid, input, input_error, status, attempts, due_at, lease_until, claimed_by, created_at)
        SELECT k.id, k.flow, 'event', k.event_uuid, k.input, k.input_error,
          CASE WHEN k.claim THEN 'running' ELSE 'queued' END, CASE WHEN k.claim THEN 1 ELSE 0 END, now(),
          CASE WHEN k.claim THEN now() + $14::float8 * interval '1 millisecond' END, CASE WHEN k.claim THEN $15::text END, $2
        FROM kept k
        ORDER BY k.ord
        RETURNING id, status
      )
      SELECT EXISTS (SELECT 1 FROM delivery) AS stored, (SELECT count(*) FROM fresh)::int AS events,
        ARRAY(SELECT p.id FROM planned p JOIN queued q ON q.id = p.id ORDER BY p.ord) AS run_ids,
        ARRAY(SELECT q.id FROM queued q WHERE q.status = 'running') AS claimed_ids`,
  },
  enqueue: {
    name: 'cardflow_enqueue',
    text: `
      INSERT INTO runs (id, flow, source, event_uuid, replay_of, input, input_error, status, attempts, due_at, lease_until, claimed_by, created_at, started_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8::float8 IS NULL THEN 'queued' ELSE 'running' END,
        CASE WHEN $8::float8 IS NULL THEN 0 ELSE 1 END, now(), now() + $8::float8 * interval '1 millisecond',
        CASE WHEN $8::float8 IS NULL THEN NULL ELSE $9 END, now(), $10)
      RETURNING ${RUN_COLUMNS}`,
  },
  // Three scans (due runs, runs whose lease ran out, waiting runs now due), each stopping after n
  // rows and skipping rows another engine is claiming at this instant; the oldest n of all are taken.
  claim: {
    name: 'cardflow_claim',
    text: `
      WITH due AS (
        SELECT seq FROM runs WHERE status = 'queued' AND due_at <= now() ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
      ), expired AS (
        SELECT seq FROM runs WHERE status = 'running' AND lease_until < now() ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
      ), waited AS (
        SELECT seq FROM runs WHERE status = 'waiting' AND due_at <= now() ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED
      ), picked AS (
        SELECT seq AS picked_seq FROM (SELECT seq FROM due UNION ALL SELECT seq FROM expired UNION ALL SELECT seq FROM waited) AS candidates
        ORDER BY seq LIMIT $1
      )
      UPDATE runs SET status = 'running', attempts = runs.attempts + 1,
        lease_until = now() + $2::float8 * interval '1 millisecond', claimed_by = $3
      FROM picked WHERE runs.seq = picked.picked_seq
      RETURNING ${CLAIM_COLUMNS}`,
  },
  extend: {
    name: 'cardflow_extend',
    text: `UPDATE runs SET lease_until = now() + $3::float8 * interval '1 millisecond' WHERE id = $1 AND attempts = $2 AND status = 'running'`,
  },
  finish: {
    name: 'cardflow_finish',
    text: `
      UPDATE runs SET status = $3, finished_at = now(), lease_until = NULL, record = $4, error = $5
      WHERE id = $1 AND attempts = $2 AND status = 'running'`,
  },
  retry: {
    name: 'cardflow_retry',
    text: `
      UPDATE runs SET status = 'queued', due_at = $3, lease_until = NULL, claimed_by = NULL, record = $4, error = $5
      WHERE id = $1 AND attempts = $2 AND status = 'running'`,
  },
  // --- waits (Wait For, Wait Until, Pause) ---
  // a paused run (no due time) is due at 'infinity' until its resume request
  suspend: {
    name: 'cardflow_suspend',
    text: `
      UPDATE runs SET status = 'waiting', due_at = COALESCE($3::timestamptz, 'infinity'), lease_until = NULL, claimed_by = NULL,
        record = $4, error = NULL, resume = $5, resume_with = NULL
      WHERE id = $1 AND attempts = $2 AND status = 'running'`,
  },
  // due now; with a lease ($4), claimed at once by the caller
  resume: {
    name: 'cardflow_resume',
    text: `
      UPDATE runs SET due_at = now(), resume_with = $3,
        status = CASE WHEN $4::float8 IS NULL THEN status ELSE 'running' END,
        attempts = attempts + CASE WHEN $4::float8 IS NULL THEN 0 ELSE 1 END,
        lease_until = now() + $4::float8 * interval '1 millisecond',
        claimed_by = CASE WHEN $4::float8 IS NULL THEN NULL ELSE $5 END
      WHERE id = $1 AND flow = $2 AND status = 'waiting' AND due_at = 'infinity'
      RETURNING ${CLAIM_COLUMNS}`,
  },
  // --- end of waits ---
  get: {
    name: 'cardflow_get',
    text: `
      SELECT ${RUN_COLUMNS}, e.uuid AS e_uuid, e.event_type AS e_event_type, e.published AS e_published, e.raw AS e_raw
      FROM runs LEFT JOIN events e ON e.uuid = runs.event_uuid WHERE runs.id = $1`,
  },
  steps: { name: 'cardflow_steps', text: 'SELECT key, attempt, state, output FROM steps WHERE run_id = $1' },
  // written only while this claim holds the run: a stale claim learns it must not send
  recordStep: {
    name: 'cardflow_record_step',
    text: `
      INSERT INTO steps (run_id, key, attempt, state, output)
      SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM runs WHERE id = $1 AND attempts = $3 AND status = 'running')
      ON CONFLICT (run_id, key) DO UPDATE SET attempt = excluded.attempt, state = excluded.state, output = excluded.output`,
  },
  // ── Scheduled flows ──
  lastSlot: { name: 'cardflow_last_slot', text: 'SELECT slot_at FROM schedule_slots WHERE flow = $1' },
  // The flow's row is the claim: a concurrent claim waits for it and then finds the slot taken.
  claimSlot: {
    name: 'cardflow_claim_slot',
    text: `
      WITH claimed AS (
        INSERT INTO schedule_slots (flow, slot_at, run_id, recorded_at) VALUES ($1, $2, $3, now())
        ON CONFLICT (flow) DO UPDATE SET slot_at = excluded.slot_at, run_id = excluded.run_id, recorded_at = now()
        WHERE schedule_slots.slot_at < excluded.slot_at
        RETURNING flow
      ), queued AS (
        INSERT INTO runs (id, flow, source, input, input_error, status, due_at, created_at, slot)
        SELECT $3, $1, 'schedule', $4, $5, 'queued', now(), now(), $6 FROM claimed WHERE $3::text IS NOT NULL
        RETURNING id
      )
      SELECT EXISTS (SELECT 1 FROM claimed) AS claimed, (SELECT count(*) FROM queued)::int AS queued`,
  },
  // ── end of scheduled flows ──
  stats: { name: 'cardflow_stats', text: 'SELECT status, count(*)::int AS n FROM runs GROUP BY status' },
  // A standby answers reads but cannot take a delivery: it is not ready.
  ping: { name: 'cardflow_ping', text: 'SELECT pg_is_in_recovery() AS standby' },
} satisfies Record<string, Statement>

