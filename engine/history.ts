/** A run is plain data: what the trigger gave, what each card got and gave, and how it ended. */
import type { ErrorRecord } from './errors.ts'

/** `waiting`: a Wait For / Wait Until card suspended the run until `waitUntil` (RunOptions.waits). */
export type RunStatus = 'succeeded' | 'failed' | 'stopped' | 'waiting'
export type CardStatus = 'succeeded' | 'failed' | 'skipped' | 'stopped' | 'waiting'

export interface CardRecord {
  id: string
  card: string
  status: CardStatus
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
  error?: ErrorRecord
  durationMs: number
  /** The card that owns the branch this card sits in, and the branch's name. */
  parent?: { id: string; branch: string }
  /** The Continue If message when this card stopped the flow. */
  message?: string
  /** A connector card whose outputs come from an earlier attempt of this run: nothing was sent again. */
  reused?: boolean
  /** The card ran before the wait this run resumes after: its outputs are taken again, it did not run again. */
  resumed?: boolean
  /** When a Wait For / Wait Until card waits until (ISO). */
  waitUntil?: string
  /** The wait was only recorded and the run went on at once (flow test, dry runs). */
  waitRecorded?: boolean
  /** A Pause card: the run waits (or, in a test run, would wait) for a resume request. */
  paused?: boolean
}

export interface OutboundRecord {
  cardId: string
  connector: string
  operation: string
  request: Record<string, unknown>
  /** `recorded` in dry-run mode, `reused` when an earlier attempt of the run sent it, else how the call ended. */
  result: 'recorded' | 'sent' | 'failed' | 'reused'
  attempts: number
}

/**
 * What a flow gives back, set by the card that declares it (`CardDef.result`): values for the
 * caller of a helper flow or the body of a sync API answer (Return), or a whole HTTP answer
 * (Return Raw).
 */
export type FlowResult =
  | { kind: 'values'; values: unknown }
  | { kind: 'http'; statusCode: number; headers: Record<string, unknown>; body: unknown }

export interface RunRecord {
  runId: string
  flow: string
  flowFile: string
  status: RunStatus
  startedAt: string
  durationMs: number
  dryRun: boolean
  trigger: { id: string; card: string; outputs: Record<string, unknown> }
  cards: CardRecord[]
  outbound: OutboundRecord[]
  /** The Continue If message of a stopped run. */
  message?: string
  error?: ErrorRecord & { cardId?: string }
  /** What the flow gave back; absent when no card set it. */
  result?: FlowResult
  /** A `waiting` run: when it is due to go on (ISO; absent when it waits for a resume request:
   * Pause), and the card that waits. */
  waitUntil?: string
  waitingCard?: string
}

/**
 * `at.toISOString()`, with the text up to the second kept from the last call: every run's start
 * is written this way, and Date#toISOString took half of the interpreter's own time per run
 * outside the cards. Only the milliseconds are formatted when the second has not changed.
 */
export function isoTime(at: Date): string {
  const ms = at.getTime()
  const second = Math.floor(ms / 1000)
  if (second !== lastSecond) {
    const iso = at.toISOString() // throws for an invalid date, as before
    lastSecond = second
    secondPrefix = iso.slice(0, -4)
    return iso
  }
  const fraction = ms - second * 1000
  return `${secondPrefix}${fraction < 10 ? '00' : fraction < 100 ? '0' : ''}${fraction}Z`
}
let lastSecond = Number.NaN
let secondPrefix = ''
