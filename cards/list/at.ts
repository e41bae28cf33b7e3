import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.at',
  title: 'List - At',
  description: 'The item at position `index` (0 is the first; -1 the last). Null when the list is shorter.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Array(Type.Unknown()), index: Type.Integer({ default: 0 }) }),
  outputs: Type.Object({ item: Type.Unknown() }),
  examples: [
    { title: 'takes the item at an index', inputs: { list: ['a', 'b', 'c'], index: 1 }, outputs: { item: 'b' } },
  ],
  okta: { keys: ['list:at'], map: sameKeys(['list', 'index']) },
  run: (_ctx, { list, index }) => ({ item: list.at(index) ?? null }),
})
