import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'

export default defineCard({
  type: 'list.length',
  title: 'List - Length',
  description: 'How many items the list holds (0 for a missing list).',
  kind: 'function',
  inputs: Type.Object({ list: Type.Union([Type.Array(Type.Unknown()), Type.Null()]) }),
  outputs: Type.Object({ length: Type.Integer() }),
  run: (_ctx, { list }) => ({ length: list?.length ?? 0 }),
})
