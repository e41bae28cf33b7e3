/**
 * Stage 3: the interpreter. Runs a checked plan against the trigger's outputs, card after card,
 * and returns the run as plain data. It knows nothing about particular cards.
 */
import { randomUUID } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import type { Logger } from './card.ts'
import type { FlowPlan, PlannedCard } from './check.ts'
import type { ConnectionProvider } from './connector-call.ts'
import { CardFailedError, CardInputError, toErrorRecord } from './errors.ts'
import { type CardRecord, type FlowResult, isoTime, type OutboundRecord, type RunRecord } from './history.ts'
import { type StepJournal, scopedJournal } from './journal.ts'
import type { TableProvider } from './tables.ts'
import { RunContext, type RunHost, StopSignal, WaitSignal } from './run-context.ts'
import { makeRedactor, REDACTED, redactRun } from './redact.ts'
import { alwaysValid, describeErrors, validatorFor } from './schema-check.ts'
import { type Escape, type EscapeContext, RenderError, resolveValue, type Scope, type ValueNode } from './values.ts'

export interface RunOptions {
  runId?: string
  dryRun?: boolean
  connections?: ConnectionProvider
  signal?: AbortSignal
  log?: Logger
  now?: () => Date
  /** Extra values to redact from history, besides the connections' own secrets. */
  secrets?: readonly string[]
  /** The tables the flow's Tables cards use: definitions and the store of their rows. */
  tables?: TableProvider
  /** Finds a helper flow by name, for cards that call one (Call Flow, For Each). */
  flows?: (name: string) => FlowPlan | undefined
  /** How many helper-flow calls deep this run is; set by the engine. */
  callDepth?: number
  /**
   * The run's step journal (see journal.ts): non-idempotent connector calls are recorded before
   * they are sent and when they end, and a call an earlier attempt of this run made is not made
   * again. Without one (flow test), every attempt sends.
   */
  journal?: StepJournal
  /**
   * Called once, with the result redacted, when a card that answers now (Close, Pause) has run:
   * a caller waiting for this run can have its answer before the run ends.
   */
  onAnswer?: (result: FlowResult) => void
  /**
   * What a card's `ctx.wait` (Wait For, Wait Until) does. `record` (the default; dry runs always):
   * the wait is written in history and the run goes on at once, as `flow test` wants. `suspend`
   * (`flow serve`): a wait not yet due ends the run with status `waiting` and `waitUntil`; the
   * worker stores it and, when due, runs the flow again with `resume`.
   */
  waits?: 'record' | 'suspend'
  /**
   * The record of the earlier, `waiting` run this one resumes. Its cards that succeeded give
   * their outputs again without running (when their inputs are the same), so nothing before the
   * wait is sent or computed twice; the card that waited goes on once its `waitUntil` has come.
   */
  resume?: Pick<RunRecord, 'cards' | 'waitUntil' | 'waitingCard'> & {
    /** What the resume request sent (`{headers, body, query}`): a paused card's outputs come from it. */
    resumeWith?: Record<string, unknown>
    /**
     * The store's clock says the wait is over (it claimed the run at its due time): the waiting
     * card goes on without asking this engine's clock, which may lag the database's a little.
     */
    due?: boolean
  }
}

/** Helper flows calling helper flows stop here, so a flow calling itself fails instead of looping. */
const MAX_CALL_DEPTH = 16

/** A card inside a branch failed: the branching card fails too, and the run's error is the inner one. */
class BranchFailed extends CardFailedError {
  constructor(
    readonly inner: CardRecord,
    owner: string,
    branch: string,
  ) {
    super(`branch "${branch}" failed at card "${inner.id}"`, owner)
  }
}

/** A card inside a branch suspended the run: the branching card waits too, the run names the inner card. */
class BranchWaiting extends WaitSignal {
  constructor(
    until: Date | undefined,
    readonly cardId: string,
  ) {
    super(until)
  }
}

/** For runs that resume no wait: shared rather than made per run. */
const NOTHING_RESUMED: ReadonlyMap<string, CardRecord> = new Map()

/** For runs given no signal: one that never aborts, shared rather than made per run. */
const NEVER_ABORTED = new AbortController().signal

/** How a list of cards ended: `returned` by a card that `ends` the flow, `waiting` on a suspended wait. */
type Outcome =
  | { kind: 'ok' }
  | { kind: 'returned' }
  | { kind: 'stopped'; message: string }
  | { kind: 'failed'; record: CardRecord }
  | { kind: 'waiting'; until: Date | undefined; cardId: string }

const OK: Outcome = { kind: 'ok' }
const RETURNED: Outcome = { kind: 'returned' }

/** Only real I/O is awaited: a synchronous card result continues in the same turn, so a flow of
 * function cards runs without one microtask hop per card. */
function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}

/**
 * Whether an outcome is still to come. The interpreter's own promises are native ones (a card's
 * promise is passed through Promise.resolve first), so a class check does, where isPromise's
 * lookup of `then` on every outcome and record was a few percent of a run.
 */
function pending<T>(value: T | Promise<T>): value is Promise<T> {
  return value instanceof Promise
}

/** A card's record as it starts, with `parent` only when the card sits in a branch (set, not spread in per card). */
function cardRecord(card: PlannedCard, status: CardRecord['status'], parent: CardRecord['parent']): CardRecord {
  const record: CardRecord = { id: card.id, card: card.type, status, inputs: {}, outputs: {}, durationMs: 0 }
  if (parent) record.parent = parent
  return record
}

/**
 * How an input is escaped: a card whose outputs are already escaped the same way is trusted. A
 * class, not a literal with an arrow function: see EscapingSink in template.ts.
 */
class Trusting implements EscapeContext {
  constructor(
    readonly mode: Escape,
    private readonly escaped: ReadonlyMap<string, Escape>,
  ) {}
  trusted(card: string): boolean {
    return this.escaped.get(card) === this.mode
  }
}

class Run implements RunHost {
  readonly records: CardRecord[] = []
  readonly outbound: OutboundRecord[] = []
  readonly scope: Scope = Object.create(null)
  /** Cards whose text outputs are already escaped for a markup, decided from the inputs they got. */
  private readonly escaped = new Map<string, Escape>()
  /** What the flow gives back; one set by a card outside any branch is not replaced by one inside, one already answered by none. */
  result: { value: FlowResult; topLevel: boolean; answered: boolean } | undefined
  /** Cards that ran before the wait this run resumes after, by id. */
  private readonly resumed: ReadonlyMap<string, CardRecord>
  /** Values of cards' secret inputs and outputs (a signing key, a minted token), redacted like the connections' secrets. */
  readonly secretValues: string[] = []
  /** Records whose secret fields are hidden by name too, however short their values. */
  readonly secretFields: { record: CardRecord; inputs: readonly string[]; outputs: readonly string[] }[] = []

  constructor(
    readonly opts: RunOptions,
    private readonly signal: AbortSignal,
  ) {
    const resume = opts.resume
    this.resumed = !resume ? NOTHING_RESUMED : new Map(resume.cards.filter((c) => c.status === 'succeeded' || (c.status === 'waiting' && c.id !== resume.waitingCard)).map((c) => [c.id, c]))
  }

  /**
   * Sets what the flow gives back: one set outside any branch is not replaced by one inside, and
   * one already answered is final. `now` (Close, Pause) hands it at once to a caller waiting for
   * this run, redacted as the run record will be.
   */
  answer(value: FlowResult, record: CardRecord, now = false): void {
    if (this.result?.answered || (this.result?.topLevel && record.parent)) return
    this.result = { value, topLevel: !record.parent, answered: now }
    // a card resumed after a wait answered its caller when it ran: the resume request is not given it
    if (now && this.opts.onAnswer && !record.resumed) {
      const secrets = [...(this.opts.connections?.secrets() ?? []), ...(this.opts.secrets ?? []), ...this.secretValues]
      this.opts.onAnswer(makeRedactor(secrets)(value) as FlowResult)
    }
  }

  /** Runs the cards in order from `from` until one ends the list; synchronous as long as every card is. */
  list(cards: PlannedCard[], parent: CardRecord['parent'], from = 0, outcome: Outcome = OK): Outcome | Promise<Outcome> {
    for (let i = from; i < cards.length; i++) {
      const card = cards[i]!
      if (outcome.kind !== 'ok') {
        this.skip([card], parent)
        continue
      }
      const result = this.card(card, parent)
      if (pending(result)) return result.then((r) => this.list(cards, parent, i + 1, r))
      outcome = result
    }
    return outcome
  }

  private skip(cards: PlannedCard[], parent: CardRecord['parent']) {
    for (const card of cards) {
      this.records.push(cardRecord(card, 'skipped', parent))
      for (const [branch, list] of card.branches) this.skip(list, { id: card.id, branch })
    }
  }

  private card(card: PlannedCard, parent: CardRecord['parent']): Outcome | Promise<Outcome> {
    const started = performance.now()
    const record = cardRecord(card, 'succeeded', parent)
    this.records.push(record)
    let result: Record<string, unknown> | Promise<Record<string, unknown>>
    try {
      const inputs = this.inputs(card, record)
      if (card.def.secrets) this.learnSecrets(card.def.secrets, record, inputs)
      const escaped = card.def.escapedOutput?.(inputs)
      if (escaped) this.escaped.set(card.id, escaped)
      const resumed = this.resumed.get(card.id)
      if (resumed && isDeepStrictEqual(resumed.inputs, inputs)) {
        record.resumed = true
        return this.ran(card, record, started, resumed.outputs)
      }
      result = card.def.run(new RunContext(this, card, record, this.signal), inputs)
    } catch (err) {
      return this.failed(record, started, err)
    }
    if (isPromise(result)) return Promise.resolve(result).then((outputs) => this.ran(card, record, started, outputs), (err: unknown) => this.failed(record, started, err))
    return this.ran(card, record, started, result)
  }

  /** A card's secret inputs (now) and outputs (once it has run) join the values to redact. */
  private learnSecrets(secrets: NonNullable<PlannedCard['def']['secrets']>, record: CardRecord, inputs: Record<string, unknown>): void {
    const entry = { record, inputs: secrets.inputs ?? [], outputs: secrets.outputs ?? [] }
    this.secretFields.push(entry)
    for (const name of entry.inputs) this.learnSecret(inputs[name])
  }

  learnSecret(value: unknown): void {
    if (typeof value === 'string' && value !== '' && !this.secretValues.includes(value)) this.secretValues.push(value)
  }

  /** The secret fields of the cards that had them, replaced by name in their records. */
  hideSecretFields(): void {
    for (const { record, inputs, outputs } of this.secretFields) {
      record.inputs = hide(record.inputs, inputs)
      record.outputs = hide(record.outputs, outputs)
    }
  }

  /**
   * The card's inputs, resolved and validated. Whether an input is markup (an HTML body, Slack
   * text) is asked of the card with the values it really gets, so a flag set by a reference
   * counts as much as one written in the file; such inputs are resolved again, escaped.
   */
  private inputs(card: PlannedCard, record: CardRecord): Record<string, unknown> {
    const inputs: Record<string, unknown> = {}
    record.inputs = inputs
    for (const [name, value] of card.inputs) inputs[name] = this.resolve(card, name, value)
    const defaults = alwaysValidOf(card)
    if (defaults) for (const [name, value] of defaults) inputs[name] = value
    else checkInputs(card, inputs)
    if (!card.def.escape) return inputs
    let changed = false
    for (const [name, value] of card.inputs) {
      const mode = card.def.escape(name, inputs, value.kind)
      if (!mode) continue
      const escaped = this.resolve(card, name, value, new Trusting(mode, this.escaped))
      // most texts hold nothing to escape: checked again only when escaping changed one
      if (escaped === inputs[name]) continue
      inputs[name] = escaped
      changed = true
    }
    if (changed) checkInputs(card, inputs)
    return inputs
  }

  private resolve(card: PlannedCard, name: string, value: ValueNode, esc?: Parameters<typeof resolveValue>[2]): unknown {
    try {
      return resolveValue(value, this.scope, esc)
    } catch (err) {
      if (err instanceof RenderError) throw new CardInputError(`input "${name}": ${err.message}`, card.id)
      throw err
    }
  }

  /** The card's own run succeeded; a branching card now runs its chosen branch. */
  private ran(card: PlannedCard, record: CardRecord, started: number, outputs: Record<string, unknown>): Outcome | Promise<Outcome> {
    record.outputs = outputs
    this.scope[card.id] = outputs
    for (const name of card.def.secrets?.outputs ?? []) this.learnSecret(outputs[name])
    record.durationMs = performance.now() - started
    if (card.def.result) this.answer(card.def.result(outputs), record, card.def.answersNow === true)
    if (card.def.ends) return RETURNED
    if (!card.def.selectBranch) return OK
    try {
      const branched = this.branch(card, outputs)
      if (pending(branched)) return branched.then((all) => this.withBranch(card, record, all), (err: unknown) => this.failed(record, started, err))
      return this.withBranch(card, record, branched)
    } catch (err) {
      return this.failed(record, started, err)
    }
  }

  /** A branching card's outputs with those of the branch that ran. */
  private withBranch(card: PlannedCard, record: CardRecord, all: Record<string, unknown>): Outcome {
    record.outputs = all
    this.scope[card.id] = all
    return OK
  }

  private failed(record: CardRecord, started: number, err: unknown): Outcome {
    record.durationMs = performance.now() - started
    if (err instanceof StopSignal) {
      record.status = 'stopped'
      record.message = err.message
      return { kind: 'stopped', message: err.message }
    }
    if (err instanceof WaitSignal) {
      record.status = 'waiting'
      if (err.until) record.waitUntil ??= err.until.toISOString()
      return { kind: 'waiting', until: err.until, cardId: err instanceof BranchWaiting ? err.cardId : record.id }
    }
    record.status = 'failed'
    record.error = toErrorRecord(err)
    return { kind: 'failed', record: err instanceof BranchFailed ? err.inner : record }
  }

  /** Runs the chosen branch, skips the others (in order), and maps the declared outputs of the branch that ran. */
  private branch(card: PlannedCard, outputs: Record<string, unknown>): Record<string, unknown> | Promise<Record<string, unknown>> {
    const chosen = card.def.selectBranch!(outputs)
    let ran: Outcome | Promise<Outcome> = OK
    const later: [string, PlannedCard[]][] = []
    let seen = false
    for (const [name, list] of card.branches) {
      if (name === chosen) {
        ran = this.list(list, { id: card.id, branch: name })
        seen = true
      } else if (seen) later.push([name, list])
      else this.skip(list, { id: card.id, branch: name })
    }
    if (pending(ran)) return ran.then((outcome) => this.branchEnded(card, chosen, later, outputs, outcome))
    return this.branchEnded(card, chosen, later, outputs, ran)
  }

  /** After the chosen branch: the later branches skipped, and the outputs it declares beside the card's own. */
  private branchEnded(card: PlannedCard, chosen: string, later: [string, PlannedCard[]][], outputs: Record<string, unknown>, outcome: Outcome): Record<string, unknown> {
    for (const [name, list] of later) this.skip(list, { id: card.id, branch: name })
    // Return and a stopping Continue If end the branch only: the flow goes on after the block.
    if (outcome.kind === 'waiting') throw new BranchWaiting(outcome.until, outcome.cardId)
    if (outcome.kind === 'failed') throw new BranchFailed(outcome.record, card.id, chosen)
    const all: Record<string, unknown> = { ...outputs }
    // outputs that each pass on a value escaped the same way are escaped that way too
    let mode: Escape | undefined
    let same = true
    let first = true
    for (const [name, perBranch] of card.declaredOutputs) {
      const value = perBranch.get(chosen)
      all[name] = value ? resolveValue(value, this.scope) : null
      const escaped = value?.kind === 'ref' ? this.escaped.get(value.ref.card) : undefined
      if (first) mode = escaped
      else if (escaped !== mode) same = false
      first = false
    }
    if (same && mode) this.escaped.set(card.id, mode)
    return all
  }

  /** A helper run shares the options (dry-run, connections, signal); its requests join this run's outbound list. */
  async callFlow(card: PlannedCard, name: string, inputs: Record<string, unknown>, call: number): Promise<RunRecord> {
    const plan = this.opts.flows?.(name)
    if (!plan) throw new CardFailedError(`no helper flow named "${name}"`, card.id)
    const depth = (this.opts.callDepth ?? 0) + 1
    if (depth > MAX_CALL_DEPTH) throw new CardFailedError(`helper flows nest deeper than ${MAX_CALL_DEPTH} calls (does "${name}" call itself?)`, card.id)
    // card ids are the helper flow's own: its journal keys sit under this call of this card; the
    // part of the parent before a wait says nothing about them, and Close answers only the
    // API Endpoint flow's own caller
    const journal = this.opts.journal && scopedJournal(this.opts.journal, `${card.id}#${call}>`)
    const sub = await runFlow(plan, inputs, { ...this.opts, runId: undefined, journal, resume: undefined, onAnswer: undefined, signal: this.signal, callDepth: depth })
    for (const entry of sub.outbound) this.outbound.push({ ...entry, cardId: `${card.id}>${entry.cardId}` })
    return sub
  }
}

/** Per card of a plan: the defaults its inputs get when they are valid in every run, else false (see alwaysValid). */
const alwaysValidCards = new WeakMap<PlannedCard, readonly [string, unknown][] | false>()
function alwaysValidOf(card: PlannedCard): readonly [string, unknown][] | false {
  let known = alwaysValidCards.get(card)
  if (known === undefined) {
    known = alwaysValid(card.def.inputs, card.inputs) ?? false
    alwaysValidCards.set(card, known)
  }
  return known
}

/** The card's inputs against its schema (a function, not a closure made for every card run). */
function checkInputs(card: PlannedCard, inputs: Record<string, unknown>): void {
  const validate = validatorFor(card.def.inputs)
  if (!validate(inputs)) throw new CardInputError(describeErrors(validate.errors).join('; '), card.id)
}

/** `fields` with those of `names` that hold a value replaced by REDACTED. */
function hide(fields: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const present = names.filter((n) => Object.hasOwn(fields, n) && fields[n] !== undefined && fields[n] !== null)
  return present.length === 0 ? fields : { ...fields, ...Object.fromEntries(present.map((n) => [n, REDACTED])) }
}

export async function runFlow(plan: FlowPlan, triggerOutputs: Record<string, unknown>, opts: RunOptions = {}): Promise<RunRecord> {
  const startedAt = opts.now ? opts.now() : new Date()
  const started = performance.now()
  const run = new Run(opts, opts.signal ?? NEVER_ABORTED)
  run.scope[plan.trigger.id] = triggerOutputs
  const outcome = await run.list(plan.cards, undefined)
  const record: RunRecord = {
    runId: opts.runId ?? randomUUID(),
    flow: plan.name,
    flowFile: plan.file,
    status: outcome.kind === 'ok' || outcome.kind === 'returned' ? 'succeeded' : outcome.kind,
    startedAt: isoTime(startedAt),
    durationMs: performance.now() - started,
    dryRun: opts.dryRun ?? false,
    trigger: { id: plan.trigger.id, card: plan.trigger.type, outputs: triggerOutputs },
    cards: run.records,
    outbound: run.outbound,
  }
  if (outcome.kind === 'stopped') record.message = outcome.message
  if (outcome.kind === 'waiting') {
    if (outcome.until) record.waitUntil = outcome.until.toISOString()
    record.waitingCard = outcome.cardId
  }
  if (outcome.kind === 'failed') record.error = { ...outcome.record.error!, cardId: outcome.record.id }
  if (run.result) record.result = run.result.value
  run.hideSecretFields()
  const secrets = [...(opts.connections?.secrets() ?? []), ...(opts.secrets ?? []), ...run.secretValues]
  return redactRun(record, secrets)
}
