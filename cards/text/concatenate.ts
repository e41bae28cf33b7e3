import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { named } from '../../importer/mapping.ts'

export default defineCard({
  type: 'text.concatenate',
  title: 'Text - Concatenate',
  description: 'Joins `parts` into one text, in order, with nothing between them. Non-text values print as text.',
  kind: 'function',
  inputs: Type.Object({ parts: Type.Array(Type.Unknown(), { maxItems: 1000 }) }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'joins parts with nothing between them', inputs: { parts: ['ann', '.', 'lee', 42] }, outputs: { output: 'ann.lee42' } },
  ],
  okta: { keys: ['string:concat'], map: (v) => ({ inputs: { parts: Object.values(named(v)) } }) },
  run: (_ctx, { parts }) => ({ output: parts.map(textOf).join('') }),
})
