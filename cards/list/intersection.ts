import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { listsOf, valueKey } from './union.ts'
import { mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.intersection',
  title: 'List - Intersection',
  description:
    'The items of `list1` that are also in `list2` (and in every list of `more`), in the order of `list1`, ' +
    'without duplicates. Items compare by type and value; lists and objects by value.',
  kind: 'function',
  inputs: Type.Object({
    list1: Type.Array(Type.Unknown()),
    list2: Type.Array(Type.Unknown()),
    more: Type.Optional(Type.Array(Type.Array(Type.Unknown()), { maxItems: 100, description: 'Further lists.' })),
  }),
  outputs: Type.Object({ output: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'keeps items in both lists', inputs: { list1: ['email', 'title', 'manager'], list2: ['manager', 'email'] }, outputs: { output: ['email', 'manager'] } },
  ],
  okta: { keys: ['list:intersection'], map: (v) => mapped(listsOf(v), { list: 'output' }) },
  run(_ctx, { list1, list2, more }) {
    const wanted = [list2, ...(more ?? [])].map((l) => new Set(l.map(valueKey)))
    const seen = new Set<unknown>()
    const output = list1.filter((item) => {
      const k = valueKey(item)
      if (!wanted.every((w) => w.has(k)) || seen.has(k)) return false
      seen.add(k)
      return true
    })
    return { output }
  },
})
