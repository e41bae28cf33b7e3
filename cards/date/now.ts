import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'

export default defineCard({
  type: 'date.now',
  title: 'Date & Time - Now',
  description: 'The current time (UTC): `date` and `iso` as ISO 8601, and its parts.',
  kind: 'function',
  inputs: Type.Object({}),
  outputs: Type.Object({
    date: Type.String(),
    iso: Type.String(),
    full: Type.String({ description: 'YYYY-MM-DD' }),
    time: Type.String({ description: 'HH:mm:ss' }),
    year: Type.Integer(),
    month: Type.Integer(),
    day: Type.Integer(),
    hour: Type.Integer(),
    minute: Type.Integer(),
    second: Type.Integer(),
    millisecond: Type.Integer(),
  }),
  examples: [
    { title: 'gives the current date and time', inputs: {}, outputs: { date: '2026-11-20T10:02:44.901Z', iso: '2026-11-20T10:02:44.901Z', full: '2026-11-20', time: '10:02:44', year: 2026, month: 11, day: 20, hour: 10, minute: 2, second: 44, millisecond: 901 } },
  ],
  okta: { keys: ['date:now'], map: () => ({ inputs: {} }) },
  run(ctx) {
    const now = ctx.now()
    const iso = now.toISOString()
    return {
      date: iso,
      iso,
      full: iso.slice(0, 10),
      time: iso.slice(11, 19),
      year: now.getUTCFullYear(),
      month: now.getUTCMonth() + 1,
      day: now.getUTCDate(),
      hour: now.getUTCHours(),
      minute: now.getUTCMinutes(),
      second: now.getUTCSeconds(),
      millisecond: now.getUTCMilliseconds(),
    }
  },
})
