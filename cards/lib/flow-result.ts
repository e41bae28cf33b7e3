/** What a helper-flow run hands back to the card that called it. */
import { CardFailedError } from '../../engine/errors.ts'
import type { CardContext } from '../../engine/card.ts'
import type { RunRecord } from '../../engine/history.ts'

/** What the helper run gave back, as the calling card's outputs: Return's values when they are an object, else {}. */
export function returnedOf(run: RunRecord): Record<string, unknown> {
  const result = run.result
  if (result === undefined) return {}
  if (result.kind === 'http') return { statusCode: result.statusCode, headers: result.headers, body: result.body }
  const values = result.values
  if (values !== null && typeof values === 'object' && !Array.isArray(values)) return values as Record<string, unknown>
  return { output: values }
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
