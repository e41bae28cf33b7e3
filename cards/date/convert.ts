import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { formatDate, parseDate } from '../lib/moment-format.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'date.convert',
  title: 'Date & Time - Convert',
  description:
    'Reads an ISO 8601 date (or epoch ms) and gives it in several forms: `date` (ISO 8601), `iso` (ISO 8601 in UTC ' +
    'without fractional seconds), `unix` (milliseconds since 1970), `epoch` (seconds), `human` (e.g. "Wed, September ' +
    '7th at 12:01 AM", in UTC) and `custom` (in `format` and time zone `zone`, as Date to Text writes it).',
  kind: 'function',
  inputs: Type.Object({ start: Type.Unknown(), format: Type.Optional(Type.String()), zone: Type.Optional(Type.String()) }),
  outputs: Type.Object({ iso: Type.String(), date: Type.String(), unix: Type.Integer(), epoch: Type.Integer(), human: Type.String(), custom: Type.String() }),
  examples: [
    {
      title: 'gives Okta’s documented forms of a date',
      inputs: { start: '2016-09-07T00:01:25.670Z' },
      outputs: { date: '2016-09-07T00:01:25.670Z', iso: '2016-09-07T00:01:25Z', epoch: 1473206485, unix: 1473206485670, human: 'Wed, September 7th at 12:01 AM', custom: '2016-09-07T00:01:25.670Z' },
    },
    { title: 'writes the custom form in a format and time zone', inputs: { start: '2026-03-08T09:30:00Z', format: 'YYYY-MM-DD HH:mm', zone: 'America/New_York' }, outputs: { iso: '2026-03-08T09:30:00Z', date: '2026-03-08T09:30:00.000Z', unix: 1772962200000, epoch: 1772962200, human: 'Sun, March 8th at 9:30 AM', custom: '2026-03-08 05:30' } },
    { title: 'fails on text that is not a date', inputs: { start: 'yesterday' }, error: 'is not a date' },
  ],
  okta: { keys: ['date:fromISO'], map: sameKeys(['start', 'format', 'zone']) },
  run(ctx, { start, format, zone }) {
    const d = parseDate(start, undefined, ctx.cardId)
    const z = zone || undefined
    return {
      iso: d.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      date: d.toISOString(),
      // Okta's own template (Datetime Format Converter) reads `unix` as milliseconds and `epoch` as seconds
      unix: d.getTime(),
      epoch: Math.floor(d.getTime() / 1000),
      human: formatDate(d, 'ddd, MMMM Do [at] h:mm A', undefined, ctx.cardId),
      custom: format ? formatDate(d, format, z, ctx.cardId) : d.toISOString(),
    }
  },
})
