import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { formatDate, parseDate } from '../lib/moment-format.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'date.format',
  title: 'Date & Time - Date to Text',
  description: 'Writes the date `start` in `format` (Moment tokens) in time zone `zone` (IANA, default UTC).',
  kind: 'function',
  inputs: Type.Object({ start: Type.Unknown(), format: Type.String({ minLength: 1 }), zone: Type.Optional(Type.String()) }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'writes a date in a time zone', inputs: { start: '2026-03-08T09:30:00Z', format: 'MM/DD/YYYY HH:mm', zone: 'America/Los_Angeles' }, outputs: { output: '03/08/2026 01:30' } },
  ],
  okta: { keys: ['date:format'], map: sameKeys(['start', 'format', 'zone']) },
  run: (ctx, { start, format, zone }) => ({ output: formatDate(parseDate(start, undefined, ctx.cardId), format, zone || undefined, ctx.cardId) }),
})
