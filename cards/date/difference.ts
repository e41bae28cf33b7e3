import { Type } from '@sinclair/typebox'
import dayjs from 'dayjs'
import { defineCard } from '../../engine/card.ts'
import { parseDate } from '../lib/moment-format.ts'
import { sameKeys } from '../../importer/mapping.ts'

const num = (description: string) => Type.Number({ description })

export default defineCard({
  type: 'date.difference',
  title: 'Date & Time - Difference',
  description:
    'How long it takes to get from `start` to `end`, in each unit: days, hours and minutes with their fractions, months ' +
    'and years as calendar months (with fractions, as Moment counts them; years are months / 12), seconds and milliseconds whole. A `start` ' +
    'later than `end` gives negative values.',
  kind: 'function',
  inputs: Type.Object({
    end: Type.Unknown({ description: 'The later date & time.' }),
    start: Type.Unknown({ description: 'The earlier date & time.' }),
  }),
  outputs: Type.Object({
    days: num('Days, including partial days.'),
    months: num('Calendar months, including partial months.'),
    years: num('Years, including partial years.'),
    hours: num('Hours, including partial hours.'),
    minutes: num('Minutes, including partial minutes.'),
    seconds: num('Whole seconds.'),
    milliseconds: num('Milliseconds.'),
  }),
  examples: [
    {
      title: 'one day apart is 1 day and 24 hours',
      inputs: { end: '2026-01-02T00:00:00Z', start: '2026-01-01T00:00:00Z' },
      outputs: { days: 1, months: 0.03225806451612903, years: 0.0026881720430107525, hours: 24, minutes: 1440, seconds: 86400, milliseconds: 86_400_000 },
    },
    {
      title: 'a start after the end gives negative values',
      inputs: { end: '2026-01-01T00:00:00Z', start: '2026-03-01T12:00:00Z' },
      outputs: { days: -59.5, months: -2.0161290322580645, years: -0.16801075268817203, hours: -1428, minutes: -85680, seconds: -5140800, milliseconds: -5_140_800_000 },
    },
    { title: 'fails when a date is missing', inputs: { end: '2026-01-01T00:00:00Z', start: null }, error: 'is not a date' },
  ],
  okta: { keys: ['date:diff', 'date:difference'], map: sameKeys(['end', 'start']) },
  run(ctx, { end, start }) {
    const e = dayjs.utc(parseDate(end, undefined, ctx.cardId))
    const s = dayjs.utc(parseDate(start, undefined, ctx.cardId))
    const ms = e.valueOf() - s.valueOf()
    return {
      days: ms / 86_400_000,
      months: e.diff(s, 'month', true),
      years: e.diff(s, 'year', true),
      hours: ms / 3_600_000,
      minutes: ms / 60_000,
      seconds: Math.trunc(ms / 1000),
      milliseconds: ms,
    }
  },
})
