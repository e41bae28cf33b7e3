import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.getFirstItem',
  title: 'List - Get First Item',
  description: '`item` is the first item (null for an empty list); `list` is the rest.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  outputs: Type.Object({ item: Type.Unknown(), list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'takes the first item off', inputs: { list: ['a', 'b', 'c'] }, outputs: { item: 'a', list: ['b', 'c'] } },
  ],
  okta: { keys: ['list:shift'], map: sameKeys(['list']) },
  run: (_ctx, { list }) => ({ item: list[0] ?? null, list: list.slice(1) }),
})
