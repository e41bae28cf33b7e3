/** What a helper-flow run hands back to the card that called it. */
import { CardFailedError } from '../../engine/errors.ts'
import type { CardContext } from '../../engine/card.ts'
import type { RunRecord } from '../../engine/history.ts'

const RETURN_CARDS = new Set(['control.return', 'control.returnRaw'])

/** The outputs of the Return card that ran (its `output` object when that is all it has), else {}. */
export function returnedOf(run: RunRecord): Record<string, unknown> {
  const ret = run.cards.findLast((c) => RETURN_CARDS.has(c.card) && c.status === 'succeeded' && !c.parent)
    ?? run.cards.findLast((c) => RETURN_CARDS.has(c.card) && c.status === 'succeeded')
  if (!ret) return {}
  const out = ret.outputs.output
  if (ret.card === 'control.return' && out !== null && typeof out === 'object' && !Array.isArray(out)) return out as Record<string, unknown>
  return ret.outputs
}

/** Runs the helper flow; a failed helper run fails the calling card with the helper's own error. */
export async function callHelper(ctx: CardContext, flow: string, inputs: Record<string, unknown>): Promise<RunRecord> {
  if (!ctx.callFlow) throw new CardFailedError(`helper flow "${flow}" cannot run here: this run was started without its helper flows`, ctx.cardId)
  const run = await ctx.callFlow(flow, inputs)
  if (run.status === 'failed') {
    const at = run.error?.cardId ? ` at card "${run.error.cardId}"` : ''
    throw new CardFailedError(`helper flow "${flow}" failed${at}: ${run.error?.message ?? 'unknown error'}`, ctx.cardId)
  }
  return run
}

/** Declared output names of a card that returns a helper flow's values (`returns: [a, b]`). */
export function declaredReturns(inputs: Record<string, unknown>): string[] | undefined {
  const r = inputs.returns
  return Array.isArray(r) && r.every((x) => typeof x === 'string') ? r : undefined
}
