import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.getLastItem',
  title: 'List - Get Last Item',
  description: '`item` is the last item (null for an empty list); `list` is the list without it (aka Pop).',
  kind: 'function',
  inputs: Type.Object({ list: Type.Union([Type.Array(Type.Unknown()), Type.Null()]) }),
  outputs: Type.Object({ item: Type.Unknown(), list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'takes the last item off', inputs: { list: ['a', 'b', 'c'] }, outputs: { item: 'c', list: ['a', 'b'] } },
    { title: 'an empty list', inputs: { list: [] }, outputs: { item: null, list: [] } },
  ],
  okta: { keys: ['list:pop'], map: sameKeys(['list']) },
  run: (_ctx, { list }) => ({ item: list?.at(-1) ?? null, list: (list ?? []).slice(0, -1) }),
})
