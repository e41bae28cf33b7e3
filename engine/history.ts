/** A run is plain data: what the trigger gave, what each card got and gave, and how it ended. */
import type { ErrorRecord } from './errors.ts'

export type RunStatus = 'succeeded' | 'failed' | 'stopped'
export type CardStatus = 'succeeded' | 'failed' | 'skipped' | 'stopped'

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
}
