import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'

export default defineCard({
  type: 'list.at',
  title: 'List - At',
  description: 'The item at position `index` (0 is the first; -1 the last). Null when the list is shorter.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Array(Type.Unknown()), index: Type.Integer({ default: 0 }) }),
  outputs: Type.Object({ item: Type.Unknown() }),
  run: (_ctx, { list, index }) => ({ item: list.at(index) ?? null }),
})
