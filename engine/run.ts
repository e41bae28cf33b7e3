/**
 * Stage 3: the interpreter. Runs a checked plan against the trigger's outputs, card after card,
 * and returns the run as plain data. It knows nothing about particular cards.
 */
import { randomUUID } from 'node:crypto'
import { isDeepStrictEqual } from 'node:util'
import type { CardContext, ConnectorCall, Logger } from './card.ts'
import type { FlowPlan, PlannedCard } from './check.ts'
import { type ConnectionProvider, performCall } from './connector-call.ts'
import { CardFailedError, CardInputError, toErrorRecord } from './errors.ts'
import type { CardRecord, FlowResult, OutboundRecord, RunRecord } from './history.ts'
import { makeRedactor, redactRun } from './redact.ts'
import { describeErrors, validatorFor } from './schema-check.ts'
import { resolveValue, type Scope } from './values.ts'

export interface RunOptions {
  runId?: string
  dryRun?: boolean
  connections?: ConnectionProvider
  signal?: AbortSignal
  log?: Logger
  now?: () => Date
  /** Extra values to redact from history, besides the connections' own secrets. */
  secrets?: readonly string[]
  /** Finds a helper flow by name, for cards that call one (Call Flow, For Each). */
  flows?: (name: string) => FlowPlan | undefined
  /** How many helper-flow calls deep this run is; set by the engine. */
  callDepth?: number
  /**
   * Connector cards that succeeded in an earlier attempt of this same run, by card id. A card
   * whose inputs are the same again takes those outputs instead of sending again, so a retried
   * run does not repeat a message it already sent.
   */
  reuse?: ReadonlyMap<string, Pick<CardRecord, 'inputs' | 'outputs'>>
  /**
   * Called once, with the result redacted, when a card that answers now (Close) has run: a
   * caller waiting for this run can have its answer before the run ends.
   */
  onAnswer?: (result: FlowResult) => void
}

/** Helper flows calling helper flows stop here, so a flow calling itself fails instead of looping. */
const MAX_CALL_DEPTH = 16

/** Thrown by `ctx.stop`: the flow ends normally. */
class StopSignal {
  constructor(readonly message: string) {}
}

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

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} }
/** For runs given no signal: one that never aborts, shared rather than made per run. */
const NEVER_ABORTED = new AbortController().signal

type Outcome = { kind: 'ok' } | { kind: 'stopped'; message: string } | { kind: 'failed'; record: CardRecord }

const OK: Outcome = { kind: 'ok' }

/** Only real I/O is awaited: a synchronous card result continues in the same turn, so a flow of
 * function cards runs without one microtask hop per card. */
function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}

/** What a card may touch during a run; one per card, methods on the prototype rather than fresh closures. */
class RunContext implements CardContext {
  readonly dryRun: boolean
  readonly log: Logger
  callFlow?: (name: string, inputs: Record<string, unknown>) => Promise<RunRecord>

  constructor(
    private readonly run: Run,
    private readonly card: PlannedCard,
    readonly signal: AbortSignal,
  ) {
    this.dryRun = run.opts.dryRun ?? false
    this.log = run.opts.log ?? silent
    if (run.opts.flows) this.callFlow = (name, inputs) => run.callFlow(card, name, inputs)
  }

  get cardId(): string {
    return this.card.id
  }

  now(): Date {
    return this.run.opts.now ? this.run.opts.now() : new Date()
  }

  stop(message: string): never {
    throw new StopSignal(message)
  }

  call<C, T>(call: ConnectorCall<C, T>): Promise<T> {
    return performCall(call, {
      cardId: this.card.id,
      dryRun: this.dryRun,
      connectionName: this.card.connection,
      connections: this.run.opts.connections,
      signal: this.signal,
      record: (entry) => this.run.outbound.push(entry),
    })
  }
}

class Run {
  readonly records: CardRecord[] = []
  readonly outbound: OutboundRecord[] = []
  readonly scope: Scope = Object.create(null)
  /** What the flow gives back; one set by a card outside any branch is not replaced by one inside, one already answered by none. */
  result: { value: FlowResult; topLevel: boolean; answered: boolean } | undefined
  private halted = false

  constructor(
    readonly opts: RunOptions,
    private readonly signal: AbortSignal,
  ) {}

  /** Runs the cards in order from `from`; synchronous as long as every card is. */
  list(cards: PlannedCard[], parent: CardRecord['parent'], from = 0, outcome: Outcome = OK): Outcome | Promise<Outcome> {
    for (let i = from; i < cards.length; i++) {
      const card = cards[i]!
      if (this.halted) {
        this.skip([card], parent)
        continue
      }
      const result = this.card(card, parent)
      if (isPromise(result)) return result.then((r) => this.list(cards, parent, i + 1, this.settle(r, outcome)))
      outcome = this.settle(result, outcome)
    }
    return outcome
  }

  private settle(result: Outcome, outcome: Outcome): Outcome {
    if (result.kind === 'ok') return outcome
    this.halted = true
    return result
  }

  private skip(cards: PlannedCard[], parent: CardRecord['parent']) {
    for (const card of cards) {
      this.records.push({ id: card.id, card: card.type, status: 'skipped', inputs: {}, outputs: {}, durationMs: 0, ...(parent && { parent }) })
      for (const [branch, list] of card.branches) this.skip(list, { id: card.id, branch })
    }
  }

  private card(card: PlannedCard, parent: CardRecord['parent']): Outcome | Promise<Outcome> {
    const started = performance.now()
    const record: CardRecord = { id: card.id, card: card.type, status: 'succeeded', inputs: {}, outputs: {}, durationMs: 0, ...(parent && { parent }) }
    this.records.push(record)
    let result: Record<string, unknown> | Promise<Record<string, unknown>>
    try {
      const inputs: Record<string, unknown> = {}
      for (const [name, value] of card.inputs) inputs[name] = resolveValue(value, this.scope)
      const validate = validatorFor(card.def.inputs)
      const valid = validate(inputs)
      record.inputs = inputs
      if (!valid) throw new CardInputError(describeErrors(validate.errors).join('; '), card.id)
      const earlier = card.def.kind === 'connector' ? this.opts.reuse?.get(card.id) : undefined
      if (earlier && isDeepStrictEqual(earlier.inputs, inputs)) {
        record.reused = true
        return this.ran(card, record, started, earlier.outputs)
      }
      result = card.def.run(new RunContext(this, card, this.signal), inputs)
    } catch (err) {
      return this.failed(record, started, err)
    }
    if (isPromise(result)) return result.then((outputs) => this.ran(card, record, started, outputs), (err: unknown) => this.failed(record, started, err))
    return this.ran(card, record, started, result)
  }

  /** The card's own run succeeded; a branching card now runs its chosen branch. */
  private ran(card: PlannedCard, record: CardRecord, started: number, outputs: Record<string, unknown>): Outcome | Promise<Outcome> {
    record.outputs = outputs
    this.scope[card.id] = outputs
    record.durationMs = performance.now() - started
    if (card.def.result && !this.result?.answered && !(this.result?.topLevel && record.parent)) {
      const answered = card.def.answersNow === true
      this.result = { value: card.def.result(outputs), topLevel: !record.parent, answered }
      if (answered) this.answer(this.result.value)
    }
    if (!card.def.selectBranch) return OK
    const withBranch = (all: Record<string, unknown>): Outcome => {
      record.outputs = all
      this.scope[card.id] = all
      return OK
    }
    try {
      const branched = this.branch(card, outputs)
      if (isPromise(branched)) return branched.then(withBranch, (err: unknown) => this.failed(record, started, err))
      return withBranch(branched)
    } catch (err) {
      return this.failed(record, started, err)
    }
  }

  /** Hands an early answer to whoever waits for it, redacted as the run record will be. */
  private answer(result: FlowResult): void {
    if (!this.opts.onAnswer) return
    const secrets = [...(this.opts.connections?.secrets() ?? []), ...(this.opts.secrets ?? [])]
    this.opts.onAnswer(makeRedactor(secrets)(result) as FlowResult)
  }

  private failed(record: CardRecord, started: number, err: unknown): Outcome {
    record.durationMs = performance.now() - started
    if (err instanceof StopSignal) {
      record.status = 'stopped'
      record.message = err.message
      return { kind: 'stopped', message: err.message }
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
    const done = (outcome: Outcome): Record<string, unknown> => {
      for (const [name, list] of later) this.skip(list, { id: card.id, branch: name })
      if (outcome.kind === 'stopped') throw new StopSignal(outcome.message)
      if (outcome.kind === 'failed') throw new BranchFailed(outcome.record, card.id, chosen)
      const declared: Record<string, unknown> = {}
      for (const [name, perBranch] of card.declaredOutputs) {
        const value = perBranch.get(chosen)
        declared[name] = value ? resolveValue(value, this.scope) : null
      }
      return { ...outputs, ...declared }
    }
    return isPromise(ran) ? ran.then(done) : done(ran)
  }

  /** A helper run shares the options (dry-run, connections, signal); its requests join this run's outbound list. */
  async callFlow(card: PlannedCard, name: string, inputs: Record<string, unknown>): Promise<RunRecord> {
    const plan = this.opts.flows?.(name)
    if (!plan) throw new CardFailedError(`no helper flow named "${name}"`, card.id)
    const depth = (this.opts.callDepth ?? 0) + 1
    if (depth > MAX_CALL_DEPTH) throw new CardFailedError(`helper flows nest deeper than ${MAX_CALL_DEPTH} calls (does "${name}" call itself?)`, card.id)
    // card ids are the helper flow's own: the parent's earlier attempt says nothing about them
    // nor do they answer the parent's caller: Close is for the API Endpoint flow itself
    const sub = await runFlow(plan, inputs, { ...this.opts, runId: undefined, reuse: undefined, onAnswer: undefined, signal: this.signal, callDepth: depth })
    for (const entry of sub.outbound) this.outbound.push({ ...entry, cardId: `${card.id}>${entry.cardId}` })
    return sub
  }
}

export async function runFlow(plan: FlowPlan, triggerOutputs: Record<string, unknown>, opts: RunOptions = {}): Promise<RunRecord> {
  const startedAt = (opts.now ?? (() => new Date()))()
  const started = performance.now()
  const run = new Run(opts, opts.signal ?? NEVER_ABORTED)
  run.scope[plan.trigger.id] = triggerOutputs
  const outcome = await run.list(plan.cards, undefined)
  const record: RunRecord = {
    runId: opts.runId ?? randomUUID(),
    flow: plan.name,
    flowFile: plan.file,
    status: outcome.kind === 'ok' ? 'succeeded' : outcome.kind,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - started,
    dryRun: opts.dryRun ?? false,
    trigger: { id: plan.trigger.id, card: plan.trigger.type, outputs: triggerOutputs },
    cards: run.records,
    outbound: run.outbound,
  }
  if (outcome.kind === 'stopped') record.message = outcome.message
  if (outcome.kind === 'failed') record.error = { ...outcome.record.error!, cardId: outcome.record.id }
  if (run.result) record.result = run.result.value
  const secrets = [...(opts.connections?.secrets() ?? []), ...(opts.secrets ?? [])]
  return redactRun(record, secrets)
}
