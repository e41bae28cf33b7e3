/**
 * One way to test a card on its own: `testCard(card, inputs)` validates the inputs against the
 * card's schema as the engine does (defaults applied), runs it with a fake context, and checks
 * its outputs against the output schema. The fake context records connector calls and stops.
 */
import { Value } from '@sinclair/typebox/value'
import type { AnyCardDef, CardContext, CardDef, ConnectorCall } from '../../engine/card.ts'
import { CardFailedError, CardInputError } from '../../engine/errors.ts'
import { describeErrors, validatorFor } from '../../engine/schema-check.ts'
import type { TableProvider } from '../../engine/tables.ts'

export interface FakeContextOptions {
  cardId?: string
  /** The clock the card sees; fixed so dates are repeatable. */
  now?: Date
  /** Answers a connector call: by default it runs the call's dry run. */
  answer?: (call: ConnectorCall<unknown, unknown>) => unknown
  /** The tables Tables cards see. */
  tables?: TableProvider
}

export interface FakeContext extends CardContext {
  /** The connector calls the card made, in order. */
  readonly calls: ConnectorCall<unknown, unknown>[]
  /** The times the card waited until, in order (recorded, never slept). */
  readonly waits: Date[]
}

/** A card context with no engine behind it: stops throw, connector calls are recorded and answered by their dry run. */
export function fakeContext(opts: FakeContextOptions = {}): FakeContext {
  const calls: ConnectorCall<unknown, unknown>[] = []
  const waits: Date[] = []
  return {
    cardId: opts.cardId ?? 'c',
    dryRun: true,
    signal: new AbortController().signal,
    log: { debug() {}, info() {}, warn() {}, error() {} },
    now: () => opts.now ?? new Date('2026-11-20T10:02:44.901Z'),
    stop(message: string): never {
      throw new StopCalled(message)
    },
    calls,
    waits,
    wait(until: Date): Date {
      waits.push(until)
      return until
    },
    pause: () => ({}),
    // no engine: every input counts as written by the flow author
    parts: () => undefined,
    table(name: string) {
      const def = opts.tables?.definition(name)
      if (!opts.tables || !def) throw new CardFailedError(`no table "${name}"`, opts.cardId ?? 'c')
      return { def, rows: opts.tables.rows }
    },
    call<C, T>(call: ConnectorCall<C, T>): Promise<T> {
      calls.push(call as ConnectorCall<unknown, unknown>)
      return Promise.resolve((opts.answer ? opts.answer(call as ConnectorCall<unknown, unknown>) : call.dryRun()) as T)
    },
  }
}

/** What `ctx.stop` throws in a fake context, so a test can assert the message. */
export class StopCalled extends Error {}

/* biome-ignore lint/suspicious/noExplicitAny: any card, whatever its schemas */
type AnyCard = CardDef<any, any> | AnyCardDef

/**
 * Runs a card as the engine would: inputs validated (and defaulted) by its schema, then run;
 * outputs must match the output schema. Throws CardInputError for inputs the schema refuses.
 */
export async function testCard(card: AnyCard, inputs: Record<string, unknown>, ctx: CardContext = fakeContext()): Promise<Record<string, unknown>> {
  const given = structuredClone(inputs)
  const validate = validatorFor(card.inputs)
  if (!validate(given)) throw new CardInputError(describeErrors(validate.errors).join('; '), ctx.cardId)
  const outputs = (await card.run(ctx, given)) as Record<string, unknown>
  if (!Value.Check(card.outputs, outputs)) {
    const [first] = Value.Errors(card.outputs, outputs)
    throw new Error(`${card.type} gave outputs its schema refuses: ${first?.path ?? ''} ${first?.message ?? ''} in ${JSON.stringify(outputs)}`)
  }
  return outputs
}
