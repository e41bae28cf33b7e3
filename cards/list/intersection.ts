import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'

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
