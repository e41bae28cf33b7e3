import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { extraInputs, inputOf, mapped, nonEmpty } from '../../importer/mapping.ts'

/**
 * What a Set or Map of items is keyed by: items are the same when their type and value are
 * (lists and objects by value). A text, number or boolean is its own key (a Set tells 1 from
 * "1" itself), so keying a list of texts makes no new text. A list or an object is keyed by its
 * JSON after OBJECT_KEY, and a text that starts with OBJECT_KEY gets a second one, so no text is
 * ever keyed like an object.
 */
export function valueKey(item: unknown): unknown {
  if (typeof item === 'string') return item.startsWith(OBJECT_KEY) ? OBJECT_KEY + item : item
  return typeof item === 'object' && item !== null ? OBJECT_KEY + JSON.stringify(item) : item
}
const OBJECT_KEY = '\u0000'

/** The items whose key no earlier item had, in order; each item's key is made once. */
export function firstOfEach<T>(items: readonly T[], keyOf: (item: T, index: number) => unknown): T[] {
  const seen = new Set<unknown>()
  return items.filter((item, index) => {
    const key = keyOf(item, index)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export const LISTS = {
  list1: Type.Array(Type.Unknown(), { maxItems: 100_000, description: 'The first list.' }),
  list2: Type.Array(Type.Unknown(), { maxItems: 100_000, description: 'The second list.' }),
  more: Type.Array(Type.Array(Type.Unknown()), { default: [], maxItems: 100, description: 'Further lists, in order.' }),
}

/** list1, list2 and the lists an author added, from an export. */
export const listsOf = (v: Parameters<typeof inputOf>[0]) => ({ list1: inputOf(v, ['list1'], 0), list2: inputOf(v, ['list2'], 1), more: nonEmpty(extraInputs(v, ['list1', 'list2'])) })

export default defineCard({
  type: 'list.union',
  title: 'List - Union (Combine Unique)',
  description:
    'Combines lists into one list holding each value once, in the order the values first appear (list 1, then ' +
    'list 2, …). Values are the same when type and value are: 1 and "1" are two values.',
  kind: 'function',
  inputs: Type.Object(LISTS),
  outputs: Type.Object({ union: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'each value once, in order', inputs: { list1: ['a', 'b', 'a'], list2: ['c', 'b'] }, outputs: { union: ['a', 'b', 'c'] } },
    { title: 'more lists, objects by value', inputs: { list1: [{ id: 1 }], list2: [], more: [[{ id: 1 }, { id: 2 }]] }, outputs: { union: [{ id: 1 }, { id: 2 }] } },
  ],
  okta: { keys: ['list:union'], map: (v) => mapped(listsOf(v)) },
  run(_ctx, { list1, list2, more }) {
    return { union: firstOfEach([list1, list2, ...more].flat(), valueKey) }
  },
})
