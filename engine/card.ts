/**
 * The card plugin API. A card is data (its schemas, title, docs, what it is) plus one `run`
 * function. The inputs schema is the type, the validator, the editor's JSON Schema and the
 * reference docs. Cards register themselves in their family's index (`cards/<family>/index.ts`);
 * the engine sees them only through the registry it is given.
 */
import type { Static, TObject } from '@sinclair/typebox'
import type { AnyConnectorSpec, ConnectorSpec } from './connector.ts'
import type { ExportMapping, TriggerExportMapping } from './export-mapping.ts'
import type { FlowResult, RunRecord } from './history.ts'
import type { TableDef, TableRows } from './tables.ts'
import type { Escape, Part, ValueNode } from './values.ts'

/** What a connector card asks the engine to send. The engine records it, fakes it in dry-run
 * mode, and otherwise calls `send` with the configured client, with timeouts and retries. */
export interface ConnectorCall<C, T> {
  connector: ConnectorSpec<C>
  /** The service's own name for the operation, e.g. `chat.postMessage`. */
  operation: string
  /** The request as a reviewer would want to see it: no tokens, no auth headers. */
  request: Record<string, unknown>
  /** Safe to send twice (read-only or idempotent): 5xx and network errors are retried. */
  idempotent: boolean
  send(client: C, signal: AbortSignal): Promise<T>
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
  call<C, T>(call: ConnectorCall<C, T>): Promise<T>
  /**
   * How an input's value was put together: the author's own text and the values references
   * gave, one list of parts per item. Undefined when the flow did not set the input (its default
   * applies). A card that must not let event data count as several things (recipients) reads it.
   */
  parts(input: string): Part[][] | undefined
  /** Runs a helper flow by name with its trigger outputs, and gives back that run. Present only
   * when the run was given a flow resolver (RunOptions.flows). */
  callFlow?(name: string, inputs: Record<string, unknown>): Promise<RunRecord>
  /**
   * Waits until `until` without holding a thread: in a test or dry run the wait is recorded in
   * history and the card goes on at once; a run started to suspend (RunOptions.waits) ends here
   * with status `waiting`, to be resumed when due (RunOptions.resume). Gives the time waited for.
   */
  wait(until: Date): Date
  /**
   * Suspends the run until a resume request comes (Pause, Pause Raw): the flow's caller gets
   * `answer` now, and the card gets what the resume request sent. In a test or dry run the pause
   * is recorded and the card goes on at once with nothing sent (`{}`).
   */
  pause(answer: FlowResult): Record<string, unknown>
  /**
   * A table of the flow's folder (Tables cards): its definition and its rows in the run's table
   * store. Fails the card when the table is not defined or the run has no table store.
   */
  table(name: string): { def: TableDef; rows: TableRows }
}

export type CardKind = 'function' | 'control' | 'connector'

/**
 * A worked example of a card, shown in docs/cards.md and run by the card conformance test in
 * dry-run mode: these inputs give these outputs (or this error).
 */
export interface CardExample {
  /** What the example shows, e.g. `splits on a comma`. */
  title: string
  inputs: Record<string, unknown>
  /** The outputs the card gives, exactly; absent when only `error` is checked. */
  outputs?: Record<string, unknown>
  /** A text the card's error message holds, when the example shows a failure. */
  error?: string
  /** Helper flows the example calls, by name: flow YAML. */
  helpers?: Record<string, string>
  /** Tables the example uses, by name: their columns and the rows they hold before it runs. */
  tables?: Record<string, { columns: TableDef['columns']; rows?: Record<string, unknown>[] }>
}

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
  connector?: AnyConnectorSpec
  /** Nested card lists this card owns (If/Else: `then`, `else`). */
  branches?: readonly string[]
  /** Picks which branch runs, from the card's outputs. */
  selectBranch?(outputs: Static<O>): string
  /** Outputs whose names depend on the card's literal inputs (Object Get Multiple). */
  outputNames?(inputs: Record<string, unknown>): string[] | undefined
  /** Problems known from the literal inputs alone, reported by the checker at the card's line. */
  check?(inputs: Record<string, unknown>): string[]
  /**
   * Markup an input is written in (Slack text, an HTML body): values referenced in it are
   * escaped. Asked when the card runs, with the inputs it gets (a flag may come from a reference)
   * and how the input was written in the file (`template`: text around references).
   */
  escape?(input: string, inputs: Record<string, unknown>, written: ValueNode['kind']): Escape | undefined
  /** The markup this card's text outputs are already escaped for (a Compose with a `format`), from the inputs it got. */
  escapedOutput?(inputs: Record<string, unknown>): Escape | undefined
  /** The card sets what the flow gives back (Return, Return Raw): the run record carries it. */
  result?(outputs: Static<O>): FlowResult
  /** With `result`: that result answers a waiting caller as soon as the card has run, and the flow goes on (Close). It stands: no later result replaces it. */
  answersNow?: boolean
  /** The card may end the flow normally (Continue If): the edge label and the input holding its message. */
  stops?: { when: string; messageInput?: string }
  /**
   * The card ends the flow once it has run (Return, Return Raw). Inside a branch it ends that
   * branch only and the flow goes on after the branching card, as Okta's Return does inside its
   * blocks (a block is an anonymous helper flow); a Continue If that stops does the same there.
   */
  ends?: boolean
  /** Where this card sits in Okta Workflows exports, and how an exported card becomes this one. */
  okta?: ExportMapping
  /**
   * Inputs and outputs that hold secrets (a signing key, a passphrase, a minted token): their
   * values never reach history, logs or errors, wherever else in the run they show up.
   */
  secrets?: { inputs?: readonly string[]; outputs?: readonly string[] }
  /** Worked examples: docs, and the card's own test cases (at least one per card). */
  examples?: readonly CardExample[]
  run(ctx: CardContext, inputs: Static<I>): Promise<Static<O>> | Static<O>
  /** The file that defined the card (set by defineCard), for messages about the registry. */
  readonly source?: string
}

/** Where the trigger's outputs come from when a flow runs. */
export interface DeliveryInfo {
  /** Envelope `eventId` of the Okta delivery, when there is one. */
  eventId?: string
  /** Envelope `eventTime`. */
  eventTime?: string
  /** Request headers, lower-case keys, secrets removed. */
  headers?: Record<string, string>
  /** Envelope `source`: the URL of the event hook that sent it. */
  source?: string
}

/** An event as the engine sees it: an id, a type and a time; the rest is the source's own shape. */
export interface SourceEvent {
  uuid: string
  eventType: string
  published: string
  [key: string]: unknown
}

/** An event has a target of `type` with one of `fields` equal to `value` (Okta's Application option). */
export interface TargetCondition {
  type: string
  fields: readonly ('id' | 'alternateId' | 'displayName')[]
  value: string
}

/** How an HTTP trigger (API Endpoint) is served, from its options. */
export interface HttpTriggerSettings {
  /** Callers need no client token. */
  public: boolean
  /** The caller waits for the run and gets the flow's result as the answer. */
  sync: boolean
}

/** What happens to slots that came due while no engine ran: fire the latest once, fire each, or skip them. */
export type CatchUp = 'latest' | 'all' | 'none'

/** When a scheduled trigger fires, from its options (Scheduled Flow). */
export interface TriggerSchedule {
  /** The schedule as a cron pattern, seconds first, read in `timeZone`. */
  cron: string
  timeZone: string
  catchUp: CatchUp
  /** The first slot strictly after `after`; undefined once the schedule has ended. */
  next(after: Date): Date | undefined
  /** The latest slot at or before `at`; undefined before the first. */
  latest(at: Date): Date | undefined
  /** The trigger's outputs for the run of one slot. */
  outputs(slot: Date): Record<string, unknown>
}

/** How an admin runs a flow on demand (Delegated Flow), from its options. */
export interface DelegatedSettings {
  /** The inputs the admin gives, by name. */
  inputs: readonly string[]
  /** The trigger's outputs for one run: the inputs and who ran it. */
  outputs(inputs: Record<string, unknown>, by: string): Record<string, unknown>
}

export interface TriggerDef<O extends TObject = TObject, P extends TObject = TObject> {
  type: string
  title: string
  description: string
  kind: 'trigger'
  /** System Log event types that fire it; empty for a trigger that is not an event. */
  eventTypes: readonly string[]
  options: P
  outputs: O
  /** Outputs whose names come from the options (a helper flow declares its inputs). */
  outputNames?(options: Static<P>): string[] | undefined
  /** Problems known from the options alone, reported by the checker at the trigger's line. */
  check?(options: Static<P>): string[]
  /** Why this event does not fire the flow with these options, or undefined when it does. */
  skipReason?(event: SourceEvent, options: Static<P>): string | undefined
  /** The events of its types the trigger takes with these options, as a condition the event
   * source can apply before sending (`flow okta hooks` makes it an event hook filter); undefined
   * when it takes them all. skipReason applies the same condition to what arrives. */
  eventFilter?(options: Static<P>): TargetCondition | undefined
  /** The card's outputs for one event. */
  fromEvent?(event: SourceEvent, delivery: DeliveryInfo): Static<O>
  /** The flow is served at an HTTP URL (API Endpoint), with these settings. */
  http?(options: Static<P>): HttpTriggerSettings
  /** The flow runs on a schedule (Scheduled Flow); undefined when its options set none. */
  schedule?(options: Static<P>): TriggerSchedule | undefined
  /** An admin runs the flow on demand with inputs (Delegated Flow). */
  delegated?(options: Static<P>): DelegatedSettings
  /** Where this trigger sits in Okta Workflows exports. */
  okta?: TriggerExportMapping
  readonly source?: string
}

export type AnyCardDef = CardDef<TObject, TObject>
export type AnyTriggerDef = TriggerDef<TObject, TObject>

export function defineCard<I extends TObject, O extends TObject>(def: CardDef<I, O>): CardDef<I, O> {
  return { ...def, source: callerFile() }
}

export function defineTrigger<O extends TObject, P extends TObject>(def: TriggerDef<O, P>): TriggerDef<O, P> {
  return { ...def, source: callerFile() }
}

/**
 * The file that defines the card: the first caller outside the engine and outside shared card
 * helpers (`cards/lib/`), so a card made by a helper's factory names its own file.
 */
function callerFile(): string | undefined {
  for (const frame of new Error().stack?.split('\n').slice(1) ?? []) {
    const m = frame.match(/\((.*?):\d+:\d+\)$|at (.*?):\d+:\d+$/)
    const file = (m?.[1] ?? m?.[2])?.replace(/^file:\/\//, '')
    if (file && !/[\\/](engine|cards[\\/]lib)[\\/]/.test(file) && !file.startsWith('node:')) return file
  }
  return undefined
}
