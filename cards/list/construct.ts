import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { named } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.construct',
  title: 'List - Construct',
  description: 'Builds a list from its items, in order.',
  kind: 'function',
  inputs: Type.Object({ items: Type.Array(Type.Unknown(), { maxItems: 10_000 }) }),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'makes a list of the items', inputs: { items: ['a', 1, true] }, outputs: { list: ['a', 1, true] } },
  ],
  okta: { keys: ['list:construct'], map: (v) => ({ inputs: { items: Object.values(named(v)) } }) },
  run: (_ctx, { items }) => ({ list: [...items] }),
})
