import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { parseDate } from '../lib/moment-format.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'date.textToDate',
  title: 'Date & Time - Text to Date',
  description: 'Reads a date written in `format` (Moment tokens, e.g. `MM/DD/Y`; `x` epoch ms, `X` epoch seconds); `output` is ISO 8601.',
  kind: 'function',
  inputs: Type.Object({ start: Type.Unknown(), format: Type.Optional(Type.String()) }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'reads a date in a given format', inputs: { start: '08/03/2026', format: 'DD/MM/YYYY' }, outputs: { output: '2026-03-08T00:00:00.000Z' } },
  ],
  okta: { keys: ['date:parse'], map: sameKeys(['start', 'format']) },
  run: (ctx, { start, format }) => ({ output: parseDate(start, format || undefined, ctx.cardId).toISOString() }),
})
