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
