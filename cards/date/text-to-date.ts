import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { parseDate } from './moment-format.ts'

export default defineCard({
  type: 'date.textToDate',
  title: 'Date & Time - Text to Date',
  description: 'Reads a date written in `format` (Moment tokens, e.g. `MM/DD/Y`; `x` epoch ms, `X` epoch seconds); `output` is ISO 8601.',
  kind: 'function',
  inputs: Type.Object({ start: Type.Unknown(), format: Type.Optional(Type.String()) }),
  outputs: Type.Object({ output: Type.String() }),
  run: (ctx, { start, format }) => ({ output: parseDate(start, format || undefined, ctx.cardId).toISOString() }),
})
