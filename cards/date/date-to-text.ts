import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { formatDate, parseDate } from './moment-format.ts'

export default defineCard({
  type: 'date.format',
  title: 'Date & Time - Date to Text',
  description: 'Writes the date `start` in `format` (Moment tokens) in time zone `zone` (IANA, default UTC).',
  kind: 'function',
  inputs: Type.Object({ start: Type.Unknown(), format: Type.String({ minLength: 1 }), zone: Type.Optional(Type.String()) }),
  outputs: Type.Object({ output: Type.String() }),
  run: (ctx, { start, format, zone }) => ({ output: formatDate(parseDate(start, undefined, ctx.cardId), format, zone || undefined, ctx.cardId) }),
})
