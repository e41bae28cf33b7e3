/**
 * The card plugin API. A card is data (its schemas, title, docs) plus one `run` function.
 * The inputs schema is the type, the validator, the editor's JSON Schema and the reference docs.
 */
import type { Static, TObject } from '@sinclair/typebox'
import type { ConnectorClients, ConnectorName } from './connectors.ts'
import type { RunRecord } from './history.ts'
import type { OktaEvent } from './okta-event.ts'
import type { Escape } from './values.ts'

export type { ConnectorName } from './connectors.ts'

/** What a connector card asks the engine to send. The engine records it, fakes it in dry-run
 * mode, and otherwise calls `send` with the configured client, with timeouts and retries. */
export interface ConnectorCall<K extends ConnectorName, T> {
  connector: K
  /** The service's own name for the operation, e.g. `chat.postMessage`. */
  operation: string
  /** The request as a reviewer would want to see it: no tokens, no auth headers. */
  request: Record<string, unknown>
  /** Safe to send twice (read-only or idempotent): 5xx and network errors are retried. */
  idempotent: boolean
  send(client: ConnectorClients[K], signal: AbortSignal): Promise<T>
  /** Plausible outputs for `--dry-run`, built from the request alone. */
  dryRun(): T
}

export interface Logger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

/** All a card may touch. Nothing else: no globals, no raw network, no raw YAML. */
export interface CardContext {
  readonly cardId: string
  readonly dryRun: boolean
  readonly signal: AbortSignal
  readonly log: Logger
  now(): Date
  /** Ends the flow normally (status `stopped`) with a message for history. */
  stop(message: string): never
  call<K extends ConnectorName, T>(call: ConnectorCall<K, T>): Promise<T>
  /** Runs a helper flow by name with its trigger outputs, and gives back that run. Present only
   * when the run was given a flow resolver (RunOptions.flows). */
  callFlow?(name: string, inputs: Record<string, unknown>): Promise<RunRecord>
}

export type CardKind = 'function' | 'control' | 'connector'

export interface CardDef<I extends TObject = TObject, O extends TObject = TObject> {
  /** `family.operation`, e.g. `text.compose`. */
  type: string
  /** Okta's name for the card, e.g. `Text - Compose`. */
  title: string
  description: string
  kind: CardKind
  inputs: I
  outputs: O
  /** The service whose connection this card uses. */
  connector?: ConnectorName
  /** Nested card lists this card owns (If/Else: `then`, `else`). */
  branches?: readonly string[]
  /** Picks which branch runs, from the card's outputs. */
  selectBranch?(outputs: Static<O>): string
  /** Outputs whose names depend on the card's literal inputs (Object Get Multiple). */
  outputNames?(inputs: Record<string, unknown>): string[] | undefined
  /** Problems known from the literal inputs alone, reported by the checker at the card's line. */
  check?(inputs: Record<string, unknown>): string[]
  /** Markup an input is written in (Slack text, an HTML body): values referenced in it are escaped. */
  escape?(input: string, inputs: Record<string, unknown>): Escape | undefined
  /** The markup this card's text outputs are already escaped for (a Compose with a `format`). */
  escapedOutput?(inputs: Record<string, unknown>): Escape | undefined
  run(ctx: CardContext, inputs: Static<I>): Promise<Static<O>> | Static<O>
}

/** Where the trigger's outputs come from when a flow runs. */
export interface DeliveryInfo {
  /** Envelope `eventId` of the Okta delivery, when there is one. */
  eventId?: string
  /** Envelope `eventTime`. */
  eventTime?: string
  /** Request headers, lower-case keys, secrets removed. */
  headers?: Record<string, string>
}

export interface TriggerDef<O extends TObject = TObject, P extends TObject = TObject> {
  type: string
  title: string
  description: string
  kind: 'trigger'
  /** System Log event types that fire it; empty for an HTTP trigger. */
  eventTypes: readonly string[]
  options: P
  outputs: O
  /** Outputs whose names come from the options (a helper flow declares its inputs). */
  outputNames?(options: Static<P>): string[] | undefined
  /** Problems known from the options alone, reported by the checker at the trigger's line. */
  check?(options: Static<P>): string[]
  /** Why this event does not fire the flow with these options, or undefined when it does. */
  skipReason?(event: OktaEvent, options: Static<P>): string | undefined
  /** The card's outputs for one System Log event. */
  fromEvent?(event: OktaEvent, delivery: DeliveryInfo): Static<O>
}

export type AnyCardDef = CardDef<TObject, TObject>
export type AnyTriggerDef = TriggerDef<TObject, TObject>

export function defineCard<I extends TObject, O extends TObject>(def: CardDef<I, O>): CardDef<I, O> {
  return def
}

export function defineTrigger<O extends TObject, P extends TObject>(
  def: TriggerDef<O, P>,
): TriggerDef<O, P> {
  return def
}
