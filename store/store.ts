/**
 * The engine's durable state behind one narrow interface: the inbox (deliveries and their
 * events), the run queue and flow history. Nothing outside store/ knows which database holds
 * them, so a Postgres backend serving several engine processes can replace SQLite.
 */
import type { DeliveryInfo } from '../engine/card.ts'
import type { RunRecord } from '../engine/history.ts'
import type { StepRecord } from '../engine/journal.ts'
import { CardflowError, type ErrorRecord } from '../engine/errors.ts'
import type { TableRows } from '../engine/tables.ts'
import { randomFillSync } from 'node:crypto'
import { v7 } from 'uuid'

/** `queued` and `running` are the queue; `waiting` waits for its due time (Wait For, Wait Until) or a
 * resume request (Pause), never pruned; the others are history. */
export type StoredRunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'stopped'
export const FINISHED_STATUSES = ['succeeded', 'failed', 'stopped'] as const
export type FinishedStatus = (typeof FINISHED_STATUSES)[number]

/** Where a run came from: an Okta event, an API Endpoint request, a replay of another run, a
 * slot of the flow's schedule, or an admin running a delegated flow. */
export type RunSource = 'event' | 'request' | 'replay' | 'schedule' | 'delegated'

export interface StoredEvent {
  uuid: string
  eventType: string
  published: string
  /** The System Log event exactly as Okta sent it. */
  raw: unknown
}

export interface Delivery {
  /** Envelope `eventId`: the dedup key of the delivery. */
  eventId: string
  receivedAt: Date
  events: StoredEvent[]
}

/**
 * A new run's id: a UUID version 7 (RFC 9562), which begins with the time it was made. Ids in
 * the order runs are made keep the indexes on them (the runs' ids, the step journal's keys)
 * growing at their end: a random UUID put each new run on a page of its own in every one of them.
 */
export function newRunId(): string {
  const random = random16()
  const now = Date.now()
  // the library's own monotonic counter, kept here since it keeps it only when it draws the bytes
  if (now > idClock.msecs) {
    idClock.msecs = now
    idClock.seq = random.readUInt32BE(6) >>> 1
  } else {
    idClock.seq = (idClock.seq + 1) | 0
    if (idClock.seq === 0) idClock.msecs++
  }
  return v7({ random, msecs: idClock.msecs, seq: idClock.seq })
}

const idClock = { msecs: Number.NEGATIVE_INFINITY, seq: 0 }

/** Random bytes for run ids, 16 at a time from a pool: the library asked Web Crypto for each id. */
const randomPool = Buffer.alloc(16 * 256)
let randomOffset = randomPool.length
function random16(): Buffer {
  if (randomOffset === randomPool.length) {
    randomFillSync(randomPool)
    randomOffset = 0
  }
  randomOffset += 16
  return randomPool.subarray(randomOffset - 16, randomOffset)
}

export interface NewRun {
  id: string
  /** The flow's file name without extension (its URL name). */
  flow: string
  source: RunSource
  eventUuid?: string
  /** The trigger's outputs, client tokens and hook secrets removed. */
  input?: Record<string, unknown>
  /**
   * What `input` was built from, for a run of an Okta event: the trigger card's outputs for the
   * event and its delivery (engine/input.ts, EventInputs). The SQLite store keeps the delivery
   * instead of the input when `event` is the event it stores, and builds the input again when
   * the run is read (sqlite-compact.ts).
   */
  inputFrom?: InputSource
  /** Why the trigger's outputs could not be built; the run then fails with this error. */
  inputError?: ErrorRecord
  replayOf?: string
  /** Who ran a delegated flow, as the engine authenticated them (never a secret). */
  startedBy?: string
}

export interface InputSource {
  /** The trigger card's type (`okta.userProfileUpdated`). */
  trigger: string
  /** The delivery's envelope fields and safe headers, as the trigger card was given them. */
  delivery: DeliveryInfo
  /** The very event object the input was built from (never written: the store compares it with the event it keeps). */
  event: unknown
}

export interface AcceptResult {
  /** The delivery's eventId was seen before: nothing was stored. */
  duplicate: boolean
  /** Events new to the store. */
  storedEvents: number
  /** Runs enqueued (runs of events stored before are left out). */
  runIds: string[]
  /** With a claim asked for: the runs stored claimed by the caller (the first of `runIds`). */
  claimed?: ClaimedRun[]
}

/** Runs a delivery's caller takes at once: stored `running` under its lease instead of queued. */
export interface IntakeClaim {
  /** At most this many of the delivery's new runs, in order. */
  runs: number
  leaseMs: number
}

/** A run taken from the queue. `attempt` identifies this claim: a stale claim cannot finish it. */
export interface ClaimedRun {
  id: string
  flow: string
  source: RunSource
  eventUuid: string | undefined
  input: Record<string, unknown> | undefined
  inputError: ErrorRecord | undefined
  attempt: number
  /** Where a run that waited goes on from (see ResumePoint); absent for a run that never waited. */
  resume?: ResumePoint
}

/** A new run its caller stored claimed (attempt 1): its input as given, not read back. */
export function claimedAtOnce(run: NewRun): ClaimedRun {
  return { id: run.id, flow: run.flow, source: run.source, eventUuid: run.eventUuid, input: run.input, inputError: run.inputError, attempt: 1 }
}

/**
 * What a run that waited resumes from: the record it stored when it began to wait (its cards so
 * far, the waiting card, its due time), the attempt that stored it (attempts count again from
 * there: a long-waiting run is not given up for the waits it made), and for a paused run, what
 * the resume request sent (its `headers`, `body` and `query`).
 */
export interface ResumePoint {
  record: RunRecord
  attempt: number
  sent?: Record<string, unknown>
}

export interface RunSummary {
  id: string
  flow: string
  source: RunSource
  status: StoredRunStatus
  attempts: number
  eventUuid: string | undefined
  replayOf: string | undefined
  createdAt: string
  finishedAt: string | undefined
  error: ErrorRecord | undefined
  /** The slot of the flow's schedule the run was fired for (ISO time). */
  slot?: string
  /** Who ran a delegated flow. */
  startedBy?: string
  /** A `waiting` run: when it is due to go on (ISO); absent while it waits for a resume request (Pause). */
  waitUntil?: string
}

export interface StoredRun extends RunSummary {
  input: Record<string, unknown> | undefined
  inputError: ErrorRecord | undefined
  /** The run's history; for a run waiting to be retried, its last failed attempt. */
  record: RunRecord | undefined
  /** The original System Log event, for event runs and their replays. */
  event: StoredEvent | undefined
}

export interface RunFilter {
  flow?: string
  status?: StoredRunStatus
  since?: Date
  limit?: number
}

export interface RetentionPolicy {
  /** Finished runs older than this are deleted (and events and deliveries no run needs). */
  maxAgeMs: number
  /** At most this many finished runs are kept, newest first. */
  maxRuns: number
}

export interface StoreStats {
  queued: number
  running: number
  /** Runs waiting for their due time or a resume request. */
  waiting: number
  finished: number
}

/**
 * The store also keeps the rows of the tables flows use (Tables cards, `flow table`): insert, get,
 * update (merging columns in one transaction), delete, search, clear and count, as
 * engine/tables.ts describes them. Each backend implements them in its own `*-tables.ts`.
 */
export interface Store extends TableRows {
  /**
   * Stores the delivery, its new events and their runs in one transaction. With `claim`, the
   * first of the new runs are stored claimed by the caller (attempt 1, under its lease) and
   * returned in `claimed` with their inputs as given: a worker with free slots runs them without
   * taking them from the queue again, and a crash leaves them to the lease like any claim.
   */
  acceptDelivery(delivery: Delivery, runs: NewRun[], opts?: { claim?: IntakeClaim }): Promise<AcceptResult>
  /** Enqueues one run (API requests, replays); with `leaseMs` it is claimed at once by the caller. */
  enqueueRun(run: NewRun, opts?: { leaseMs?: number }): Promise<ClaimedRun>
  /** Takes up to `n` runs that are due (queued, or waiting and due), or whose lease ran out, for `leaseMs`. */
  claimRuns(n: number, leaseMs: number): Promise<ClaimedRun[]>
  /** Keeps a long run's claim alive. False when the claim was lost: the run must stop. */
  extendLease(run: ClaimedRun, leaseMs: number): Promise<boolean>
  /** Records the run's end. False when the claim was lost (its lease ran out and the run was
   * claimed again): nothing is written, the newer claim's outcome stands. */
  finishRun(run: ClaimedRun, record: RunRecord): Promise<boolean>
  /** Puts the run back in the queue, due at `notBefore`, keeping the failed attempt's record.
   * False when the claim was lost, as for finishRun. */
  retryRunLater(run: ClaimedRun, notBefore: Date, record: RunRecord): Promise<boolean>
  // --- waits (Wait For, Wait Until, Pause) ---
  /**
   * Stores the run as `waiting` with its record (status `waiting`): due at `record.waitUntil`,
   * when it is claimed again like a queued run and resumes from that record; without a due time
   * (Pause), only `resumeRun` makes it due. False when the claim was lost, as for finishRun.
   */
  suspendRun(run: ClaimedRun, record: RunRecord): Promise<boolean>
  /**
   * A run of `flow` waiting for a resume request (Pause) is made due now, `sent` being what the
   * paused card gives; with `leaseMs` it is claimed at once by the caller (a sync API call).
   * Undefined when no such run waits for a resume request (unknown, another flow's, not paused,
   * or already resumed).
   */
  resumeRun(id: string, flow: string, sent: Record<string, unknown>, opts?: { leaseMs?: number }): Promise<ClaimedRun | undefined>
  // --- end of waits ---
  /** The run's step journal (engine/journal.ts): what its attempts recorded of their connector calls. */
  steps(runId: string): Promise<StepRecord[]>
  /**
   * Records one step of the run under this claim (the claim's attempt is kept with it), replacing
   * what was recorded under the same key. False when the claim was lost: nothing is written, and
   * the caller must not send.
   */
  recordStep(run: ClaimedRun, step: Omit<StepRecord, 'attempt'>): Promise<boolean>
  /**
   * Only a store one engine owns alone (SQLite) has it: at that engine's start every claimed run
   * is queued again, since nobody else can be running it. Returns how many. A store several
   * engines share has none: a run claimed by an engine that died or froze is claimed again by
   * another when its lease runs out, and never sooner.
   */
  resetInFlight?(): Promise<number>
  listRuns(filter: RunFilter): Promise<RunSummary[]>
  getRun(id: string): Promise<StoredRun | undefined>
  /** Returns how many runs were deleted. */
  prune(policy: RetentionPolicy): Promise<number>
  stats(): Promise<StoreStats>
  /**
   * Runs `work` unless work of the same name is running now, on this engine or, for a shared
   * store, on any engine of it; resolves whether it ran. For what must happen on one engine at a
   * time: retention, scheduled slots.
   */
  exclusive(name: string, work: () => Promise<void>): Promise<boolean>

  // ── Scheduled flows (server/scheduler.ts) ──────────────────────────────────────────────────
  /** The latest slot of the flow's schedule the store recorded, fired or passed over; undefined
   * before its first. */
  lastSlot(flow: string): Promise<Date | undefined>
  /**
   * Claims slot `at` of the flow: records it as the flow's latest slot and, with `run`, enqueues
   * that run (source `schedule`, its `slot` set to `at`) in the same transaction. False, with
   * nothing written, when a slot at or after `at` is recorded already, by this engine or another:
   * each slot fires once, however many engines share the store and however often they restart.
   */
  claimSlot(flow: string, at: Date, run?: NewRun): Promise<boolean>
  // ── end of scheduled flows ──────────────────────────────────────────────────────────────────

  /**
   * Calls `listener` when runs were enqueued, possibly by another process, into a queue where no
   * older run was due, so idle engines start them without waiting for their next poll (a busy
   * engine claims again after each run anyway). Returns the unsubscribe. A store without it is polled.
   */
  onWork?(listener: () => void): () => void
  /** Resolves when the store can write; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>
  close(): Promise<void>
}

/** The store cannot write now (locked, disk full, closed): the caller should answer 503. */
export class StoreUnavailableError extends CardflowError {
  constructor(message: string, opts: { cause?: unknown } = {}) {
    super('STORE_UNAVAILABLE', message, opts)
  }
}
