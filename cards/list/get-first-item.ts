import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'

export default defineCard({
  type: 'list.getFirstItem',
  title: 'List - Get First Item',
  description: '`item` is the first item (null for an empty list); `list` is the rest.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  outputs: Type.Object({ item: Type.Unknown(), list: Type.Array(Type.Unknown()) }),
  run: (_ctx, { list }) => ({ item: list[0] ?? null, list: list.slice(1) }),
})
