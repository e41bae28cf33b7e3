/**
 * Retention for the SQLite store: finished runs past `--keep`/`--keep-runs` go with their step
 * journal; the raw System Log event of a run goes with its last run (an event no run needs is
 * never kept raw, see acceptDelivery); deliveries and the dedup keys of events go once Okta can
 * no longer redeliver them; and the file gives the freed pages back (incremental vacuum).
 *
 * Everything runs in small batches through the store's write queue, each its own transaction,
 * with a turn of the event loop between them: intake keeps being answered while pruning runs.
 */
import type Database from 'better-sqlite3'
import { FINISHED_STATUSES, type RetentionPolicy } from './store.ts'

/** Rows per transaction: small enough that one batch never holds intake up noticeably. */
const BATCH = 500
/** Pages given back per incremental vacuum step (4 KiB each). */
const VACUUM_PAGES = 512
/** How long an event's uuid and a delivery's eventId are kept to recognise Okta redelivering them. */
export const DEDUP_WINDOW_MS = 24 * 3600 * 1000
/** What an event no run needs keeps of itself: its uuid (dedup), no personal data. */
export const TOMBSTONE = 'null'

const FINISHED = `(${FINISHED_STATUSES.map((s) => `'${s}'`).join(', ')})`

type Write = <T>(what: string, step: () => T) => Promise<T>

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Runs `step` batch after batch until one does less than a full batch; returns the total. */
async function inBatches(write: Write, what: string, step: () => number): Promise<number> {
  let total = 0
  for (;;) {
    const n = await write(what, step)
    total += n
    if (n < BATCH) return total
    await nextTurn()
  }
}

export async function pruneSqlite(db: Database.Database, write: Write, policy: RetentionPolicy): Promise<number> {
  const now = Date.now()
  const cutoff = now - policy.maxAgeMs
  const dedupCutoff = now - Math.min(policy.maxAgeMs, DEDUP_WINDOW_MS)
  const runs = await inBatches(write, 'prune history', () => {
    const newestKept = policy.maxRuns > 0
      ? (db.prepare(`SELECT seq FROM runs WHERE status IN ${FINISHED} ORDER BY seq DESC LIMIT 1 OFFSET ?`).pluck().get(policy.maxRuns - 1) as number | undefined)
      : Number.MAX_SAFE_INTEGER
    const doomed = db
      .prepare(`SELECT seq, id, event_uuid FROM runs WHERE status IN ${FINISHED} AND (finished_at < ? OR seq < ?) ORDER BY seq LIMIT ?`)
      .all(cutoff, newestKept ?? 0, BATCH) as { seq: number; id: string; event_uuid: string | null }[]
    const deleteRun = db.prepare('DELETE FROM runs WHERE id = ?')
    const deleteRecord = db.prepare('DELETE FROM run_records WHERE seq = ?')
    const deleteSteps = db.prepare('DELETE FROM steps WHERE run_id = ?')
    // the raw event goes with the last run that needs it; its uuid stays for dedup
    const forget = db.prepare(`UPDATE events SET raw = '${TOMBSTONE}' WHERE uuid = ? AND raw <> '${TOMBSTONE}' AND NOT EXISTS (SELECT 1 FROM runs WHERE event_uuid = ?)`)
    for (const run of doomed) {
      deleteSteps.run(run.id)
      deleteRecord.run(run.seq)
      deleteRun.run(run.id)
      if (run.event_uuid !== null) forget.run(run.event_uuid, run.event_uuid)
    }
    return doomed.length
  })
  await inBatches(write, 'prune events', () => {
    // events a kept run still needs stay (at most --keep-runs of them are skipped over)
    return db
      .prepare('DELETE FROM events WHERE uuid IN (SELECT uuid FROM events e WHERE received_at < ? AND NOT EXISTS (SELECT 1 FROM runs WHERE event_uuid = e.uuid) ORDER BY received_at LIMIT ?)')
      .run(dedupCutoff, BATCH).changes
  })
  await inBatches(write, 'prune deliveries', () => db.prepare('DELETE FROM deliveries WHERE event_id IN (SELECT event_id FROM deliveries WHERE received_at < ? LIMIT ?)').run(dedupCutoff, BATCH).changes)
  await vacuum(db, write)
  return runs
}

/** Gives free pages back to the file system, a few at a time. */
async function vacuum(db: Database.Database, write: Write): Promise<void> {
  for (let step = 0; step < 10_000; step++) {
    const free = db.pragma('freelist_count', { simple: true }) as number
    if (free === 0) return
    await write('give space back', () => db.pragma(`incremental_vacuum(${VACUUM_PAGES})`))
    await nextTurn()
  }
}

/**
 * A new file is created with incremental auto-vacuum (it must be set before the first table);
 * a file from before is converted once with VACUUM, at start, before intake opens.
 */
export function enableIncrementalVacuum(db: Database.Database): void {
  if ((db.pragma('auto_vacuum', { simple: true }) as number) === 2) return
  db.pragma('auto_vacuum = INCREMENTAL')
  const tables = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number
  if (tables > 0) db.exec('VACUUM')
}
