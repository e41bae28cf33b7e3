import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.addToEnd',
  title: 'List - Add to End',
  description: 'A new list: the items of `list` with `item` added in the last position. A null list counts as empty.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Union([Type.Array(Type.Unknown(), { maxItems: 100_000 }), Type.Null()], { default: null }), item: Type.Unknown() }),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'adds the item last', inputs: { list: ['a', 'b'], item: 'c' }, outputs: { list: ['a', 'b', 'c'] } },
    { title: 'to no list', inputs: { list: null, item: 1 }, outputs: { list: [1] } },
  ],
  okta: { keys: ['list:push'], map: (v) => mapped({ list: inputOf(v, ['list'], 0), item: inputOf(v, ['item'], 1) ?? null }) },
  run: (_ctx, { list, item }) => ({ list: [...(list ?? []), item] }),
})
