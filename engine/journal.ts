/**
 * The step journal: every non-idempotent connector call of a run is recorded durably before it
 * is sent (its intent) and when it ends (its outcome). A later attempt of the same run, a retry
 * or a restart after a crash, reuses what an earlier attempt did instead of sending it again, and
 * where an earlier attempt sent something whose outcome nobody saw, it refuses to guess: the run
 * fails with OUTCOME_UNKNOWN and the author decides (a replay is a new run with its own journal).
 *
 * The engine reaches the journal through RunOptions; where it is kept is the caller's business
 * (`flow serve` keeps it in the store, next to the run).
 */

/**
 * `intent`: about to be sent; `done`: sent, with its result; `not-sent`: the service refused it
 * (a later attempt may send it); `unknown`: it left and no answer says whether it arrived.
 */
export type StepState = 'intent' | 'done' | 'not-sent' | 'unknown'

export interface StepRecord {
  /** The call within the run: card path, and the call's number within that card. */
  key: string
  /** The attempt of the run that wrote it. */
  attempt: number
  state: StepState
  /** What the call gave back (`done`), redacted of secrets. */
  output?: unknown
}

export interface StepJournal {
  /** What an earlier attempt of this run recorded under `key`, read when the run started. */
  get(key: string): StepRecord | undefined
  /** Records that the call is about to be sent; resolves once that is durable. */
  intent(key: string): Promise<void>
  /**
   * Records how the call ended. Not awaited, and a journal may hold it back until a later
   * attempt could need it (`flow serve` writes it with the run's next intent, or before the run
   * is stored to go on later): a crash before it lands leaves the intent alone, which a later
   * attempt reads as unknown, the safe side.
   */
  outcome(key: string, state: Exclude<StepState, 'intent'>, output?: unknown): void
}

/** The journal as seen by a helper flow called from `prefix` (its card ids are its own). */
export function scopedJournal(journal: StepJournal, prefix: string): StepJournal {
  return {
    get: (key) => journal.get(`${prefix}${key}`),
    intent: (key) => journal.intent(`${prefix}${key}`),
    outcome: (key, state, output) => journal.outcome(`${prefix}${key}`, state, output),
  }
}
