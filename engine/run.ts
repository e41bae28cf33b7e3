/**
 * Stage 3: the interpreter. Runs a checked plan against the trigger's outputs, card after card,
 * and returns the run as plain data. It knows nothing about particular cards.
 */
import { randomUUID } from 'node:crypto'
import type { CardContext, Logger } from './card.ts'
import type { FlowPlan, PlannedCard } from './check.ts'
import { type ConnectionProvider, performCall } from './connector-call.ts'
import { CardFailedError, CardInputError, toErrorRecord } from './errors.ts'
import type { CardRecord, OutboundRecord, RunRecord } from './history.ts'
import { redactRun } from './redact.ts'
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

class Run {
  readonly records: CardRecord[] = []
  readonly outbound: OutboundRecord[] = []
  readonly scope: Scope = Object.create(null)
  private halted = false

  constructor(
    private readonly opts: RunOptions,
    private readonly signal: AbortSignal,
  ) {}

  async list(cards: PlannedCard[], parent: CardRecord['parent']): Promise<Outcome> {
    let outcome: Outcome = { kind: 'ok' }
    for (const card of cards) {
      if (this.halted) {
        this.skip([card], parent)
        continue
      }
      const result = await this.card(card, parent)
      if (result.kind !== 'ok') {
        outcome = result
        this.halted = true
      }
    }
    return outcome
  }

  private skip(cards: PlannedCard[], parent: CardRecord['parent']) {
    for (const card of cards) {
      this.records.push({ id: card.id, card: card.type, status: 'skipped', inputs: {}, outputs: {}, durationMs: 0, ...(parent && { parent }) })
      for (const [branch, list] of card.branches) this.skip(list, { id: card.id, branch })
    }
  }

  private async card(card: PlannedCard, parent: CardRecord['parent']): Promise<Outcome> {
    const started = performance.now()
    const record: CardRecord = { id: card.id, card: card.type, status: 'succeeded', inputs: {}, outputs: {}, durationMs: 0, ...(parent && { parent }) }
    this.records.push(record)
    try {
      const inputs: Record<string, unknown> = {}
      for (const [name, value] of card.inputs) inputs[name] = resolveValue(value, this.scope)
      const validate = validatorFor(card.def.inputs)
      const valid = validate(inputs)
      record.inputs = inputs
      if (!valid) throw new CardInputError(describeErrors(validate.errors).join('; '), card.id)
      let outputs = await card.def.run(this.context(card), inputs)
      record.outputs = outputs
      this.scope[card.id] = outputs
      record.durationMs = performance.now() - started
      if (card.def.selectBranch) outputs = await this.branch(card, outputs)
      record.outputs = outputs
      this.scope[card.id] = outputs
      return { kind: 'ok' }
    } catch (err) {
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
  }

  /** Runs the chosen branch, skips the others, and maps the declared outputs of the branch that ran. */
  private async branch(card: PlannedCard, outputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const chosen = card.def.selectBranch!(outputs)
    let outcome: Outcome = { kind: 'ok' }
    for (const [name, list] of card.branches) {
      if (name === chosen) outcome = await this.list(list, { id: card.id, branch: name })
      else this.skip(list, { id: card.id, branch: name })
    }
    if (outcome.kind === 'stopped') throw new StopSignal(outcome.message)
    if (outcome.kind === 'failed') throw new BranchFailed(outcome.record, card.id, chosen)
    const declared: Record<string, unknown> = {}
    for (const [name, perBranch] of card.declaredOutputs) {
      const value = perBranch.get(chosen)
      declared[name] = value ? resolveValue(value, this.scope) : null
    }
    return { ...outputs, ...declared }
  }

  private context(card: PlannedCard): CardContext {
    const { opts, signal } = this
    return {
      cardId: card.id,
      dryRun: opts.dryRun ?? false,
      signal,
      log: opts.log ?? silent,
      now: opts.now ?? (() => new Date()),
      stop(message: string): never {
        throw new StopSignal(message)
      },
      call: (call) =>
        performCall(call, {
          cardId: card.id,
          dryRun: opts.dryRun ?? false,
          connectionName: card.connection,
          connections: opts.connections,
          signal,
          record: (entry) => this.outbound.push(entry),
        }),
      ...(opts.flows && { callFlow: (name: string, inputs: Record<string, unknown>) => this.callFlow(card, name, inputs) }),
    }
  }

  /** A helper run shares the options (dry-run, connections, signal); its requests join this run's outbound list. */
  private async callFlow(card: PlannedCard, name: string, inputs: Record<string, unknown>): Promise<RunRecord> {
    const plan = this.opts.flows?.(name)
    if (!plan) throw new CardFailedError(`no helper flow named "${name}"`, card.id)
    const depth = (this.opts.callDepth ?? 0) + 1
    if (depth > MAX_CALL_DEPTH) throw new CardFailedError(`helper flows nest deeper than ${MAX_CALL_DEPTH} calls (does "${name}" call itself?)`, card.id)
    const sub = await runFlow(plan, inputs, { ...this.opts, runId: undefined, signal: this.signal, callDepth: depth })
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
  const secrets = [...(opts.connections?.secrets() ?? []), ...(opts.secrets ?? [])]
  return redactRun(record, secrets)
}
