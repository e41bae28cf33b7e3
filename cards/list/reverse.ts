import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.reverse',
  title: 'List - Reverse',
  description: 'The same items in reverse order: after Sort, largest first.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Union([Type.Array(Type.Unknown()), Type.Null()]) }),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'reverses the order', inputs: { list: [1, 9, 20, 80] }, outputs: { list: [80, 20, 9, 1] } },
    { title: 'null gives an empty list', inputs: { list: null }, outputs: { list: [] } },
  ],
  okta: { keys: ['list:reverse'], map: (v) => mapped({ list: inputOf(v, ['list'], 0) }) },
  run: (_ctx, { list }) => ({ list: [...(list ?? [])].reverse() }),
})
