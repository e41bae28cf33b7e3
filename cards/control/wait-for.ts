import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const
/** Okta waits at least one second and at most 30 days; a longer wait ends the flow. */
export const MIN_WAIT_MS = 1000
export const MAX_WAIT_MS = 30 * UNIT_MS.day

/** Waits until `until`, held to Okta's bounds from `now`. */
export function waitBounded(ctx: { cardId: string; now(): Date; wait(until: Date): Date }, until: number, what: string): Record<string, never> {
  const now = ctx.now().getTime()
  if (until - now > MAX_WAIT_MS) throw new CardFailedError(`${what} is more than 30 days away; Okta ends a flow that would wait that long`, ctx.cardId)
  ctx.wait(new Date(Math.max(until, now + MIN_WAIT_MS)))
  return {}
}

export default defineCard({
  type: 'control.waitFor',
  title: 'Wait For',
  description:
    'Pauses the flow for `delay` units, then goes on: one second at least, 30 days at most (more fails the flow). ' +
    '`flow test` records the wait in history and goes on at once; a run started to suspend ends `waiting` ' +
    'and is resumed when due, without running again the cards before the wait.',
  kind: 'control',
  inputs: Type.Object({
    delay: Type.Number({ minimum: 0, description: 'The number of time units to pause the flow.' }),
    unit: Type.Union([Type.Literal('second'), Type.Literal('minute'), Type.Literal('hour'), Type.Literal('day')], { default: 'second' }),
  }),
  outputs: Type.Object({}),
  examples: [
    { title: 'waits 30 days, the longest Okta allows', inputs: { delay: 30, unit: 'day' }, outputs: {} },
    { title: 'more than 30 days ends the flow', inputs: { delay: 721, unit: 'hour' }, error: 'more than 30 days away' },
  ],
  okta: { keys: ['control:wait'], map: (v) => mapped({ delay: inputOf(v, ['delay'], 0), unit: inputOf(v, ['unit'], 1) }) },
  run: (ctx, { delay, unit }) => waitBounded(ctx, ctx.now().getTime() + delay * UNIT_MS[unit], `a wait of ${delay} ${unit}(s)`),
})
