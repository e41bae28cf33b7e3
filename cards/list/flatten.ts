import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.flatten',
  title: 'List - Flatten',
  description: 'Turns a list of lists into one list, one level deep: the items of each inner list in order; an item that is not a list stays as it is.',
  kind: 'function',
  inputs: Type.Object({ lists: Type.Array(Type.Unknown(), { maxItems: 100_000 }) }),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'one level of lists', inputs: { lists: [[1, 2], [3], []] }, outputs: { list: [1, 2, 3] } },
    { title: 'deeper lists stay lists, single items stay', inputs: { lists: [[1, [2]], 3] }, outputs: { list: [1, [2], 3] } },
  ],
  okta: { keys: ['list:flatten'], map: (v) => mapped({ lists: inputOf(v, ['lists', 'list'], 0) }) },
  run: (_ctx, { lists }) => ({ list: lists.flat() }),
})
