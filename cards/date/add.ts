import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { dateUnit, shiftDate } from '../lib/date-shift.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'date.add',
  title: 'Date & Time - Add',
  description:
    'The date `scale` `unit`s after `start` (units: milliseconds … weeks as fixed lengths, months and years as calendar ' +
    'units clamped to the month’s last day), as ISO 8601 in UTC. An empty `scale` adds nothing; a negative one goes back.',
  kind: 'function',
  inputs: Type.Object({
    start: Type.Unknown({ description: 'A date & time: ISO 8601 text, epoch milliseconds, or a Date.' }),
    scale: Type.Optional(Type.Unknown({ description: 'How many units to add (Okta’s "add" field): a number, or text that reads as one.' })),
    unit: dateUnit,
  }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    // Okta's examples: 5-Sept-2016 + 2 weeks = 19-Sept-2016; 19-Sept-2016 9:00am + 8 hours = 5:00pm
    { title: 'adds two weeks', inputs: { start: '2016-09-05T00:00:00Z', scale: 2, unit: 'weeks' }, outputs: { output: '2016-09-19T00:00:00.000Z' } },
    { title: 'adds eight hours', inputs: { start: '2016-09-19T09:00:00Z', scale: 8, unit: 'hours' }, outputs: { output: '2016-09-19T17:00:00.000Z' } },
    { title: 'adds a calendar month, clamped to the last day of the month', inputs: { start: '2024-01-31T08:00:00Z', scale: 1, unit: 'months' }, outputs: { output: '2024-02-29T08:00:00.000Z' } },
    { title: 'reads a date with an offset and answers in UTC', inputs: { start: '2026-03-08T01:30:00-08:00', scale: 1, unit: 'days' }, outputs: { output: '2026-03-09T09:30:00.000Z' } },
    { title: 'adds nothing when the amount is empty', inputs: { start: '2026-01-01T00:00:00Z', unit: 'days' }, outputs: { output: '2026-01-01T00:00:00.000Z' } },
    { title: 'reads an amount written as text', inputs: { start: '2026-01-01T00:00:00Z', scale: '90', unit: 'minutes' }, outputs: { output: '2026-01-01T01:30:00.000Z' } },
    { title: 'fails on an amount that is not a number', inputs: { start: '2026-01-01T00:00:00Z', scale: 'two', unit: 'days' }, error: 'is not a number' },
    { title: 'fails on an empty start', inputs: { start: '', scale: 1, unit: 'days' }, error: 'is not a date' },
  ],
  okta: { keys: ['date:add'], map: sameKeys(['start', 'scale', 'unit']) },
  run: (ctx, { start, scale, unit }) => ({ output: shiftDate(start, scale, unit, ctx.cardId) }),
})
