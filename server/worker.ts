/**
 * The worker pool: takes runs from the store's queue under a lease, runs them, and writes their
 * history. A retryable connector failure is tried again with backoff and jitter; every other
 * end, and the last retry, is recorded. Nothing leaves the queue without a record. A run that
 * reaches a wait (Wait For, Wait Until, Pause) is stored `waiting`: no worker holds it while it
 * waits; the store hands it out again when due, and it resumes from the record it stored.
 */
import type { ConnectionProvider } from '../engine/connector-call.ts'
import { CardflowError, type ErrorRecord } from '../engine/errors.ts'
import type { FlowResult, RunRecord } from '../engine/history.ts'
import type { StepJournal, StepState } from '../engine/journal.ts'
import { type RunOptions, runFlow } from '../engine/run.ts'
import type { TableProvider } from '../engine/tables.ts'
import { setTimeout as sleep } from 'node:timers/promises'
import { type ClaimedRun, type ResumePoint, type Store, StoreUnavailableError } from '../store/index.ts'
import type { FlowSet } from './flows.ts'
import type { Log } from './log.ts'
import type { Metrics } from './metrics.ts'

export interface WorkerOptions {
  store: Store
  flows: FlowSet
  log: Log
  metrics: Metrics
  connections: ConnectionProvider | undefined
  /** The tables Tables cards use: the flows' definitions, rows in the store. */
  tables?: TableProvider
  /** Record connector requests instead of sending them. */
  dryRun: boolean
  /** Values to redact from history besides the connections' own. */
  secrets: () => readonly string[]
  /** Runs taken from the queue at once; 0 takes none (intake only). */
  concurrency: number
  /**
   * The store is this engine's alone (SQLite): every enqueue wakes this worker, so once the queue
   * is found empty no claim is made until the next wake or poll.
   */
  ownQueue: boolean
  leaseMs: number
  pollMs: number
  /** Attempts per run, the first included. */
  maxAttempts: number
  retryBaseMs: number
  retryMaxMs: number
}

/** A delivery waiting for free slots for its `n` runs (see Worker.reserve). */
interface Waiter {
  n: number
  resolve(slots: number): void
  timer: NodeJS.Timeout
}

/** A run's step journal as the worker keeps it: outcomes are written when needed (see Worker.journal). */
interface RunJournal extends StepJournal {
  writeOutcomes(): void
}

/** Writing a run's end: tries and first wait (doubling), about 6 s in all before the lease takes over. */
const SETTLE_TRIES = 6
const SETTLE_BACKOFF_MS = 200

/** The record a caller gets for a run whose claim was lost mid-run: failed, retryable, not stored. */
function leaseLost(record: RunRecord): RunRecord {
  return { ...record, status: 'failed', error: { code: 'LEASE_LOST', message: 'the run was taken over by another claim before it ended', retryable: true } }
}

/** Exponential backoff with jitter: half the step fixed, half random, so retries spread out. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(step / 2 + (random() * step) / 2)
}

/** The history of a run that could not start (no trigger outputs, flow gone, gave up). */
function unstartedRecord(run: ClaimedRun, flowFile: string, error: ErrorRecord): RunRecord {
  return {
    runId: run.id,
    flow: run.flow,
    flowFile,
    status: 'failed',
    startedAt: new Date().toISOString(),
    durationMs: 0,
    dryRun: false,
    trigger: { id: '', card: '', outputs: run.input ?? {} },
    cards: [],
    outbound: [],
    error,
  }
}

/** Attempts of the run since it last began to wait: a run that waited often is not given up for it. */
function attemptsOf(claim: ClaimedRun): number {
  return claim.attempt - (claim.resume?.attempt ?? 0)
}

/** A run claimed from a wait goes on from its stored record; the store judged it due by its clock. */
function resumeOptions(point: ResumePoint): NonNullable<RunOptions['resume']> {
  return { ...point.record, ...(point.sent && { resumeWith: point.sent }), due: true }
}

export class Worker {
  /** Runs taken from the queue: at most `concurrency` at once. */
  private readonly inFlight = new Set<Promise<unknown>>()
  /** Runs their caller executes directly (sync API calls), bounded by the caller: never taking the queue's slots. */
  private readonly direct = new Set<Promise<unknown>>()
  private readonly endListeners: ((runId: string) => void)[] = []
  private readonly abort = new AbortController()
  private timer: NodeJS.Timeout | undefined
  /** The claim going on, if any: its runs join inFlight when it is answered. */
  private pumping: Promise<void> | undefined
  /** Slots asked for by the claim going on. */
  private claiming = 0
  /** Slots promised to deliveries being stored, whose runs are handed over claimed (see reserve). */
  private reserved = 0
  /**
   * Whether the queue may hold due runs. False once a claim found fewer than it asked for, with
   * no wake since: then a run's end need not claim again, and deliveries may hand their runs
   * over. Only trusted for a store one engine owns (`ownQueue`): another engine's enqueues do
   * not always wake this one.
   */
  private backlog = true
  /** Deliveries waiting for a slot to free (see reserve), oldest first. */
  private readonly waiters: Waiter[] = []
  /** Waiting for every reservation to be adopted (stop). */
  private readonly adopted: (() => void)[] = []
  /** Wakes so far: a claim answered after a wake may have missed what woke it. */
  private wakes = 0
  private stopping = false

  constructor(private readonly o: WorkerOptions) {}

  start(): void {
    if (this.o.concurrency <= 0) return
    this.timer = setInterval(() => this.wake(), this.o.pollMs)
    this.wake()
  }

  /** Looks for due runs now (after an enqueue, or at each poll) rather than at the next poll. */
  wake(): void {
    this.wakes++
    this.backlog = true
    this.claimSoon()
  }

  private claimSoon(): void {
    if (this.pumping || this.stopping || this.o.concurrency <= 0) return
    this.pumping = this.pump()
      .catch((err: unknown) => this.o.log.warn({ err: (err as Error).message }, 'cannot take runs from the queue; retrying at the next poll'))
      .finally(() => {
        this.pumping = undefined
      })
  }

  private free(): number {
    return this.o.concurrency - this.inFlight.size - this.reserved - this.claiming
  }

  private async pump(): Promise<void> {
    while (!this.stopping && this.free() > 0) {
      const asked = this.free()
      const wakes = this.wakes
      this.claiming = asked
      let claims: ClaimedRun[]
      try {
        claims = await this.o.store.claimRuns(asked, this.o.leaseMs)
      } finally {
        this.claiming = 0
      }
      for (const claim of claims) this.begin(claim)
      if (claims.length < asked) {
        // the queue was empty of due runs, unless something was enqueued since the claim was asked
        if (wakes !== this.wakes) continue
        this.backlog = false
        this.serveWaiters()
        return
      }
    }
  }

  private begin(claim: ClaimedRun): void {
    this.track(this.runWithLease(claim, true), this.inFlight)
      .catch((err: unknown) => this.o.log.error({ runId: claim.id, err: (err as Error).message }, 'cannot record the run; it runs again when its lease ends'))
      .finally(() => {
        // a slot is free: a delivery waiting for one takes it, unless due runs may wait in the
        // queue; else claim again, unless this engine alone fills the queue and knows it empty
        this.serveWaiters()
        if (this.free() > 0 && (!this.o.ownQueue || this.backlog)) this.claimSoon()
      })
  }

  /**
   * Promises up to `n` free slots to a delivery being stored: its runs are stored claimed by this
   * engine and handed over with `adopt`, rather than queued and claimed back. None while due runs
   * may wait in the queue (they go first) or while stopping. Every reservation must be adopted.
   *
   * When every slot is busy, the delivery waits up to `waitMs` for one, first come first served
   * (and after the queue's due runs): an engine that answers faster than it runs would otherwise
   * queue every run past its pool, and claim each back. A delivery that gets no slot in time is
   * stored queued, as before; one that waits is not stored yet, so Okta, which waits 3 s for its
   * answer, sends it again if the engine dies meanwhile.
   */
  reserve(n: number, waitMs = 0): Promise<number> {
    const k = this.take(n)
    if (k > 0 || n <= 0 || waitMs <= 0 || this.stopping || this.o.concurrency <= 0) return Promise.resolve(k)
    return new Promise((resolve) => {
      const waiter: Waiter = {
        n,
        resolve,
        timer: setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1)
          resolve(0)
        }, waitMs),
      }
      this.waiters.push(waiter)
    })
  }

  /** Deliveries waiting for a slot now (see reserve). */
  get waitingDeliveries(): number {
    return this.waiters.length
  }

  private take(n: number): number {
    if (this.stopping || this.backlog) return 0
    const k = Math.max(0, Math.min(n, this.free()))
    this.reserved += k
    return k
  }

  /** Hands free slots to the deliveries waiting for one, oldest first, once the queue holds no due run. */
  private serveWaiters(): void {
    while (this.waiters.length > 0 && this.free() > 0 && !this.backlog && !this.stopping) {
      const waiter = this.waiters.shift()!
      clearTimeout(waiter.timer)
      waiter.resolve(this.take(waiter.n))
    }
  }

  /** Runs the claims a delivery's store call returned for `reserved` slots (see reserve). */
  adopt(claims: readonly ClaimedRun[], reserved: number): void {
    this.reserved -= reserved
    // begun even when stopping: stop() waits for them like for the runs of a claim in flight
    for (const claim of claims) this.begin(claim)
    if (this.reserved === 0) for (const done of this.adopted.splice(0)) done()
  }

  /** Resolves when every reservation is adopted. */
  private allAdopted(): Promise<void> {
    return this.reserved === 0 ? Promise.resolve() : new Promise((resolve) => this.adopted.push(resolve))
  }

  get leaseMs(): number {
    return this.o.leaseMs
  }

  /**
   * Runs a claimed run to its end and settles it in the store. Resolves with its history.
   * `retry: false` (a sync API call, whose caller has the answer and may call again) records a
   * retryable failure as final instead of queueing the run again.
   */
  execute(claim: ClaimedRun, opts: { retry: boolean; onAnswer?: (result: FlowResult) => void } = { retry: true }): Promise<RunRecord> {
    return this.track(this.runWithLease(claim, opts.retry, opts.onAnswer), this.direct)
  }

  /** Called with the run's id whenever a run's end is recorded (or another claim took it over). */
  onEnded(listener: (runId: string) => void): void {
    this.endListeners.push(listener)
  }

  private track(done: Promise<RunRecord>, set: Set<Promise<unknown>>): Promise<RunRecord> {
    const tracked = done.catch(() => undefined)
    set.add(tracked)
    tracked.finally(() => set.delete(tracked))
    return done
  }

  private ended(runId: string): void {
    for (const listener of this.endListeners) listener(runId)
  }

  /**
   * Runs the claim while renewing its lease. When the store says the lease is lost (this engine
   * froze or lost the database for longer than the lease, and another took the run over), the
   * run is aborted and its end is not written: the other claim's outcome stands.
   */
  private async runWithLease(claim: ClaimedRun, retry: boolean, onAnswer?: (result: FlowResult) => void): Promise<RunRecord> {
    const lease = new AbortController()
    const onStop = () => lease.abort(this.abort.signal.reason)
    this.abort.signal.addEventListener('abort', onStop, { once: true })
    const heartbeat = setInterval(() => {
      this.o.store.extendLease(claim, this.o.leaseMs).then(
        (held) => {
          if (held || lease.signal.aborted) return
          this.o.log.warn({ runId: claim.id, attempt: claim.attempt }, 'lost the claim on a run (its lease ran out); stopping it')
          lease.abort(new Error('lease lost'))
        },
        () => undefined,
      )
    }, Math.max(10, this.o.leaseMs / 3))
    const held: { journal?: RunJournal } = {}
    try {
      const record = await this.run(claim, lease.signal, held, onAnswer)
      // A run cut short by shutdown is left claimed: it runs again after the restart, reusing
      // what its connector calls did.
      if (lease.signal.aborted) held.journal?.writeOutcomes()
      else await this.settle(claim, record, retry, held.journal)
      return lease.signal.aborted && !this.abort.signal.aborted ? leaseLost(record) : record
    } finally {
      clearInterval(heartbeat)
      this.abort.signal.removeEventListener('abort', onStop)
    }
  }

  /** `held.journal`: the run's step journal, once made, for settle. */
  private async run(claim: ClaimedRun, signal: AbortSignal, held: { journal?: RunJournal }, onAnswer?: (result: FlowResult) => void): Promise<RunRecord> {
    const served = this.o.flows.flow(claim.flow)
    const file = served?.file ?? claim.flow
    if (claim.inputError) return unstartedRecord(claim, file, claim.inputError)
    if (!served) {
      const message = `flow "${claim.flow}" is not served (removed, disabled or invalid); replay the run once it is back`
      return unstartedRecord(claim, file, { code: 'FLOW_NOT_SERVED', message })
    }
    if (attemptsOf(claim) > this.o.maxAttempts) {
      const message = `gave up after ${attemptsOf(claim) - 1} attempts (the engine stopped during the run)`
      return unstartedRecord(claim, file, { code: 'ABANDONED', message })
    }
    const log = this.o.log.child({ runId: claim.id, flow: claim.flow, attempt: claim.attempt })
    // its end is logged at info with its duration; its start only when debugging
    log.debug({}, 'run started')
    try {
      const journal = await this.journal(claim, log)
      held.journal = journal
      return await runFlow(served.plan, claim.input ?? {}, {
        runId: claim.id,
        dryRun: this.o.dryRun,
        signal,
        log,
        secrets: this.o.secrets(),
        journal,
        // a wait ends this attempt and the run is stored; one claimed from a wait goes on from it
        waits: 'suspend',
        ...(claim.resume && { resume: resumeOptions(claim.resume) }),
        ...(this.o.connections && { connections: this.o.connections }),
        ...(this.o.tables && { tables: this.o.tables }),
        ...(onAnswer && { onAnswer }),
      })
    } catch (err) {
      return unstartedRecord(claim, file, { code: 'INTERNAL', message: (err as Error).message })
    }
  }

  /**
   * The run's step journal, kept in the store: what earlier attempts recorded is read once (the
   * first attempt has nothing to read); an intent is durable before the call is sent, and only
   * while this claim holds the run. An outcome is held back until something may need it: it is
   * written with the run's next intent, or before the run is stored to go on later (a retry, a
   * wait) or is left claimed (shutdown, a failed write of its end). A run that ends needs none:
   * its history has every call's result. Never waited for: a crash before it lands leaves the
   * intent alone, which a later attempt reads as unknown, the safe side.
   */
  private async journal(claim: ClaimedRun, log: Log): Promise<RunJournal> {
    const earlier = claim.attempt > 1 ? await this.o.store.steps(claim.id) : []
    const steps = new Map(earlier.map((step) => [step.key, step]))
    const outcomes = new Map<string, { state: Exclude<StepState, 'intent'>; output: unknown }>()
    const writeOutcomes = () => {
      for (const [key, { state, output }] of outcomes) {
        this.o.store.recordStep(claim, { key, state, ...(output !== undefined && { output }) }).catch((err: unknown) => {
          log.warn({ key, state, err: (err as Error).message }, 'cannot record how a connector call ended; a later attempt will treat it as unknown')
        })
      }
      outcomes.clear()
    }
    return {
      get: (key) => steps.get(key),
      intent: async (key) => {
        writeOutcomes()
        if (!(await this.o.store.recordStep(claim, { key, state: 'intent' }))) {
          throw new CardflowError('LEASE_LOST', 'the run was taken over by another claim; this one does not send')
        }
      },
      outcome: (key, state, output) => {
        outcomes.set(key, { state, output })
      },
      writeOutcomes,
    }
  }

  private async settle(claim: ClaimedRun, record: RunRecord, retry: boolean, journal: RunJournal | undefined): Promise<void> {
    const log = this.o.log.child({ runId: claim.id, flow: claim.flow })
    this.o.metrics.cards(record)
    if (record.status === 'waiting') {
      journal?.writeOutcomes()
      return this.suspend(claim, record, log)
    }
    if (retry && record.status === 'failed' && record.error?.retryable === true && attemptsOf(claim) < this.o.maxAttempts) {
      journal?.writeOutcomes()
      const delay = retryDelayMs(attemptsOf(claim), this.o.retryBaseMs, this.o.retryMaxMs)
      if (!(await this.write(() => this.o.store.retryRunLater(claim, new Date(Date.now() + delay), record)))) return this.lost(claim)
      this.o.metrics.run(claim.flow, 'retrying')
      log.warn({ error: record.error, retryInMs: delay }, 'run failed; it will be tried again')
      return
    }
    const finished = await this.write(() => this.o.store.finishRun(claim, record)).catch((err: unknown) => {
      // the run stays claimed and runs again: what its calls did is recorded for that attempt
      journal?.writeOutcomes()
      throw err
    })
    if (!finished) return this.lost(claim)
    this.ended(claim.id)
    this.o.metrics.run(claim.flow, record.status)
    const level = record.status === 'failed' ? 'error' : 'info'
    log[level]({ status: record.status, durationMs: Math.round(record.durationMs), error: record.error }, `run ${record.status}`)
  }

  /** The run waits: stored with its record, claimed again when due (or resumed by a request). */
  private async suspend(claim: ClaimedRun, record: RunRecord, log: Log): Promise<void> {
    if (!(await this.write(() => this.o.store.suspendRun(claim, record)))) return this.lost(claim)
    this.ended(claim.id)
    this.o.metrics.run(claim.flow, 'waiting')
    const what = record.waitUntil ? `run waits until ${record.waitUntil}` : 'run paused until a resume request'
    log.info({ status: record.status, waitUntil: record.waitUntil, card: record.waitingCard }, what)
  }

  private lost(claim: ClaimedRun): void {
    this.ended(claim.id)
    this.o.log.warn({ runId: claim.id, attempt: claim.attempt }, 'the run was claimed again elsewhere before it ended here; its end here is not recorded')
  }

  /**
   * Records a run's end. The store may be locked for a moment (another process, a backup): the
   * write is tried again soon, rather than left to the lease to expire, which would run it again.
   */
  private async write<T>(op: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await op()
      } catch (err) {
        if (!(err instanceof StoreUnavailableError) || attempt >= SETTLE_TRIES || this.stopping) throw err
        await sleep(SETTLE_BACKOFF_MS * 2 ** (attempt - 1))
      }
    }
  }

  /** Stops taking runs and waits for the running ones, at most `graceMs`; then cuts them short. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true
    clearInterval(this.timer)
    // deliveries waiting for a slot are stored queued now, and run at the next start
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer)
      waiter.resolve(0)
    }
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs)
    })
    // runs being claimed now are claimed (a claim is answered once durable): they run and end too,
    // and so do those a delivery being stored hands over
    await Promise.race([this.pumping, timeout])
    await Promise.race([this.allAdopted(), timeout])
    await Promise.race([Promise.all([...this.inFlight, ...this.direct]), timeout])
    clearTimeout(timer)
    if (this.inFlight.size + this.direct.size > 0) {
      this.o.log.warn({ running: this.inFlight.size + this.direct.size }, 'runs did not finish in time; they run again at the next start')
      this.abort.abort()
    }
  }
}
