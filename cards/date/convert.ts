import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { formatDate, parseDate } from '../lib/moment-format.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'date.convert',
  title: 'Date & Time - Convert',
  description:
    'Reads an ISO 8601 date (or epoch ms) and gives it in several forms: `iso`, `date`, `unix` (milliseconds ' +
    'since 1970, as Okta gives it), `epoch` (seconds), `human` and `custom` (in `format`, time zone `zone`).',
  kind: 'function',
  inputs: Type.Object({ start: Type.Unknown(), format: Type.Optional(Type.String()), zone: Type.Optional(Type.String()) }),
  outputs: Type.Object({ iso: Type.String(), date: Type.String(), unix: Type.Integer(), epoch: Type.Integer(), human: Type.String(), custom: Type.String() }),
  examples: [
    { title: 'reads an ISO date', inputs: { start: '2026-03-08T09:30:00Z', format: 'YYYY-MM-DD', zone: 'America/New_York' }, outputs: { iso: '2026-03-08T09:30:00.000Z', date: '2026-03-08T09:30:00.000Z', unix: 1772962200000, epoch: 1772962200, human: '2026-03-08 05:30:00 -04:00', custom: '2026-03-08' } },
  ],
  okta: { keys: ['date:fromISO'], map: sameKeys(['start', 'format', 'zone']) },
  run(ctx, { start, format, zone }) {
    const d = parseDate(start, undefined, ctx.cardId)
    const z = zone || undefined
    return {
      iso: d.toISOString(),
      date: d.toISOString(),
      // Okta's own template (Datetime Format Converter) reads `unix` as milliseconds and `epoch` as seconds
      unix: d.getTime(),
      epoch: Math.floor(d.getTime() / 1000),
      human: formatDate(d, 'YYYY-MM-DD HH:mm:ss Z', z, ctx.cardId),
      custom: format ? formatDate(d, format, z, ctx.cardId) : d.toISOString(),
    }
  },
})
