import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.addToFront',
  title: 'List - Add to Front',
  description: 'A new list: `item` in the first position, then the items of `list`. A null list counts as empty.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Union([Type.Array(Type.Unknown(), { maxItems: 100_000 }), Type.Null()]), item: Type.Unknown() }),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'adds the item first', inputs: { list: ['b', 'c'], item: 'a' }, outputs: { list: ['a', 'b', 'c'] } },
    { title: 'a list item stays one item', inputs: { list: [1], item: [0] }, outputs: { list: [[0], 1] } },
  ],
  okta: { keys: ['list:unshift'], map: (v) => mapped({ list: inputOf(v, ['list'], 0), item: inputOf(v, ['item'], 1) ?? null }) },
  run: (_ctx, { list, item }) => ({ list: [item, ...(list ?? [])] }),
})
