import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { dateUnit, shiftDate } from '../lib/date-shift.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'date.subtract',
  title: 'Date & Time - Subtract',
  description:
    'The date `scale` `unit`s before `start` (units: milliseconds … weeks as fixed lengths, months and years as calendar ' +
    'units clamped to the month’s last day), as ISO 8601 in UTC. An empty `scale` subtracts nothing.',
  kind: 'function',
  inputs: Type.Object({
    start: Type.Unknown({ description: 'A date & time: ISO 8601 text, epoch milliseconds, or a Date.' }),
    scale: Type.Optional(Type.Unknown({ description: 'How many units to subtract (Okta’s "subtract" field): a number, or text that reads as one.' })),
    unit: dateUnit,
  }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'moves a date back by calendar months, clamped to the last day of the month', inputs: { start: '2026-03-31T12:00:00Z', scale: 1, unit: 'months' }, outputs: { output: '2026-02-28T12:00:00.000Z' } },
    { title: 'moves a date back by hours across midnight', inputs: { start: '2016-09-19T09:00:00Z', scale: 10, unit: 'hours' }, outputs: { output: '2016-09-18T23:00:00.000Z' } },
    { title: 'fails on a start that is not a date', inputs: { start: 'soon', scale: 1, unit: 'days' }, error: 'is not a date' },
  ],
  okta: { keys: ['date:subtract'], map: sameKeys(['start', 'scale', 'unit']) },
  run: (ctx, { start, scale, unit }) => ({ output: shiftDate(start, scale, unit, ctx.cardId, -1) }),
})
