import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { parseDate } from './moment-format.ts'

const UNIT_MS = { milliseconds: 1, seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 } as const

export default defineCard({
  type: 'date.subtract',
  title: 'Date & Time - Subtract',
  description: 'The date `scale` `unit`s before `start` (units: milliseconds … weeks, months, years), as ISO 8601.',
  kind: 'function',
  inputs: Type.Object({
    start: Type.Unknown(),
    scale: Type.Number(),
    unit: Type.Union([...Object.keys(UNIT_MS), 'months', 'years'].map((u) => Type.Literal(u))),
  }),
  outputs: Type.Object({ output: Type.String() }),
  run(ctx, { start, scale, unit }) {
    const d = parseDate(start, undefined, ctx.cardId)
    if (unit === 'months' || unit === 'years') {
      const months = unit === 'years' ? scale * 12 : scale
      const out = new Date(d)
      out.setUTCMonth(out.getUTCMonth() - months)
      return { output: out.toISOString() }
    }
    return { output: new Date(d.getTime() - scale * UNIT_MS[unit as keyof typeof UNIT_MS]).toISOString() }
  },
})
