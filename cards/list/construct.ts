import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'

export default defineCard({
  type: 'list.construct',
  title: 'List - Construct',
  description: 'Builds a list from its items, in order.',
  kind: 'function',
  inputs: Type.Object({ items: Type.Array(Type.Unknown(), { maxItems: 10_000 }) }),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  run: (_ctx, { items }) => ({ list: [...items] }),
})
