import { Type } from '@sinclair/typebox'
import dayjs from 'dayjs'
import { defineCard } from '../../engine/card.ts'
import { parseDate } from '../lib/moment-format.ts'
import { sameKeys } from '../../importer/mapping.ts'

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
  examples: [
    { title: 'moves a date back by calendar months, clamped to the last day of the month', inputs: { start: '2026-03-31T12:00:00Z', scale: 1, unit: 'months' }, outputs: { output: '2026-02-28T12:00:00.000Z' } },
  ],
  okta: { keys: ['date:subtract'], map: sameKeys(['start', 'scale', 'unit']) },
  run(ctx, { start, scale, unit }) {
    const d = parseDate(start, undefined, ctx.cardId)
    if (unit === 'months' || unit === 'years') {
      // calendar months, clamped as Okta (Moment) does: March 31 minus one month is February 28
      return { output: dayjs.utc(d).subtract(scale, unit === 'years' ? 'year' : 'month').toISOString() }
    }
    return { output: new Date(d.getTime() - scale * UNIT_MS[unit as keyof typeof UNIT_MS]).toISOString() }
  },
})
