import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'

export default defineCard({
  type: 'text.concatenate',
  title: 'Text - Concatenate',
  description: 'Joins `parts` into one text, in order, with nothing between them. Non-text values print as text.',
  kind: 'function',
  inputs: Type.Object({ parts: Type.Array(Type.Unknown(), { maxItems: 1000 }) }),
  outputs: Type.Object({ output: Type.String() }),
  run: (_ctx, { parts }) => ({ output: parts.map(textOf).join('') }),
})
