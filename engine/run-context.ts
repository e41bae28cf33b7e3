/** What a card may touch during a run: one per card, methods on the prototype rather than fresh closures. */
import type { CardContext, ConnectorCall, Logger } from './card.ts'
import type { PlannedCard } from './check.ts'
import { performCall } from './connector-call.ts'
import { CardFailedError } from './errors.ts'
import type { CardRecord, FlowResult, OutboundRecord, RunRecord } from './history.ts'
import type { RunOptions } from './run.ts'
import type { TableDef, TableRows } from './tables.ts'
import { type Part, partsOf, type Scope } from './values.ts'

/** Thrown by `ctx.stop`: the flow ends normally. */
export class StopSignal {
  constructor(readonly message: string) {}
}

/** Thrown by `ctx.wait` (and `ctx.pause`) in a suspending run: the run ends `waiting` until then (or a resume request). */
export class WaitSignal {
  constructor(readonly until: Date | undefined) {}
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} }

/** What the context needs of its run. */
export interface RunHost {
  readonly opts: RunOptions
  readonly scope: Scope
  readonly outbound: OutboundRecord[]
  callFlow(card: PlannedCard, name: string, inputs: Record<string, unknown>, call: number): Promise<RunRecord>
  /** Sets what the flow gives back; `now` answers a waiting caller at once (see Run.answer). */
  answer(value: FlowResult, record: CardRecord, now?: boolean): void
}

export class RunContext implements CardContext {
  readonly dryRun: boolean
  readonly log: Logger
  callFlow?: (name: string, inputs: Record<string, unknown>) => Promise<RunRecord>
  /** Connector calls and helper-flow calls made so far by this card: the journal's key within it. */
  private calls = 0

  constructor(
    private readonly run: RunHost,
    private readonly card: PlannedCard,
    private readonly record: CardRecord,
    readonly signal: AbortSignal,
  ) {
    this.dryRun = run.opts.dryRun ?? false
    this.log = run.opts.log ?? silent
    if (run.opts.flows) this.callFlow = (name, inputs) => run.callFlow(card, name, inputs, this.calls++)
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

  wait(until: Date): Date {
    const { opts } = this.run
    const resumed = opts.resume?.waitingCard === this.card.id && opts.resume.waitUntil ? new Date(opts.resume.waitUntil) : undefined
    const due = resumed ?? until
    this.record.waitUntil = due.toISOString()
    if (opts.dryRun || (opts.waits ?? 'record') === 'record') {
      this.record.waitRecorded = true
      return due
    }
    if ((resumed && opts.resume?.due) || due.getTime() <= this.now().getTime()) return due
    if ((opts.callDepth ?? 0) > 0) {
      throw new CardFailedError('a wait inside a helper flow cannot be suspended: put the Wait card in the flow that calls the helper', this.card.id)
    }
    throw new WaitSignal(due)
  }

  pause(answer: FlowResult): Record<string, unknown> {
    const { opts } = this.run
    this.record.paused = true
    if (opts.resume?.waitingCard === this.card.id && opts.resume.resumeWith) return opts.resume.resumeWith
    if (opts.dryRun || (opts.waits ?? 'record') === 'record') {
      this.record.waitRecorded = true
      return {}
    }
    if ((opts.callDepth ?? 0) > 0) throw new CardFailedError('a Pause inside a helper flow cannot be resumed: put it in the flow that calls the helper', this.card.id)
    this.run.answer(answer, this.record, true)
    throw new WaitSignal(undefined)
  }

  table(name: string): { def: TableDef; rows: TableRows } {
    const provider = this.run.opts.tables
    if (!provider) throw new CardFailedError('this run has no table store: Tables cards run under flow serve, or flow test (on a temporary store)', this.card.id)
    const def = provider.definition(name)
    if (!def) throw new CardFailedError(`no table "${name}": define it in tables/${name}.yaml beside the flows`, this.card.id)
    return { def, rows: provider.rows }
  }

  parts(input: string): Part[][] | undefined {
    const node = this.card.inputs.find(([name]) => name === input)?.[1]
    return node && partsOf(node, this.run.scope)
  }

  async call<C, T>(call: ConnectorCall<C, T>): Promise<T> {
    const journal = this.run.opts.journal
    let entry: OutboundRecord | undefined
    const outbound = this.run.outbound
    const value = await performCall(call, {
      cardId: this.card.id,
      dryRun: this.dryRun,
      connectionName: this.card.connection,
      connections: this.run.opts.connections,
      signal: this.signal,
      // a method, not an arrow function: see EscapingSink in template.ts
      record(e) {
        entry = e
        outbound.push(e)
      },
      ...(journal && { journal: { steps: journal, key: `${this.card.id}#${this.calls++}` } }),
    })
    if (entry?.result === 'reused') this.record.reused = true
    return value
  }
}
