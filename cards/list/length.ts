import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.length',
  title: 'List - Length',
  description: 'How many items the list holds (0 for a missing list).',
  kind: 'function',
  inputs: Type.Object({ list: Type.Union([Type.Array(Type.Unknown()), Type.Null()]) }),
  outputs: Type.Object({ length: Type.Integer() }),
  examples: [
    { title: 'counts the items', inputs: { list: ['a', 'b', 'c'] }, outputs: { length: 3 } },
  ],
  okta: { keys: ['list:length'], map: sameKeys(['list']) },
  run: (_ctx, { list }) => ({ length: list?.length ?? 0 }),
})
