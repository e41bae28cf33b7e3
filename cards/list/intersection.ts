import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.intersection',
  title: 'List - Intersection',
  description:
    'The items of `list1` that are also in `list2`, in the order of `list1`, without duplicates. ' +
    'Items compare by value (text, number, true/false).',
  kind: 'function',
  inputs: Type.Object({
    list1: Type.Array(Type.Unknown()),
    list2: Type.Array(Type.Unknown()),
  }),
  outputs: Type.Object({ output: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'keeps items in both lists', inputs: { list1: ['email', 'title', 'manager'], list2: ['manager', 'email'] }, outputs: { output: ['email', 'manager'] } },
  ],
  okta: { keys: ['list:intersection'], map: (v) => mapped({ list1: v.input('list1'), list2: v.input('list2') }, { list: 'output' }) },
  run(_ctx, { list1, list2 }) {
    const wanted = new Set(list2.map(key))
    const seen = new Set<string>()
    const output = list1.filter((item) => {
      const k = key(item)
      if (!wanted.has(k) || seen.has(k)) return false
      seen.add(k)
      return true
    })
    return { output }
  },
})

function key(item: unknown): string {
  return typeof item === 'object' && item !== null ? JSON.stringify(item) : `${typeof item}:${String(item)}`
}
