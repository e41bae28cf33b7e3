import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { order } from '../lib/compare.ts'
import { readPath } from '../object/get-multiple.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

/** The items ordered by their keys, smallest first; a stable sort, missing keys last. */
export function sortKeyed<T>(items: readonly T[], keys: readonly unknown[]): T[] {
  const missing = (k: unknown) => k === null || k === undefined
  return items
    .map((item, i) => ({ item, key: keys[i], i }))
    .sort((x, y) => (missing(x.key) || missing(y.key) ? Number(missing(x.key)) - Number(missing(y.key)) : order(x.key, y.key)) || x.i - y.i)
    .map((x) => x.item)
}

const PEOPLE = [{ name: 'Nicole', value: 10 }, { name: 'Sarah', value: 20 }, { name: 'Emily', value: 30 }]

export default defineCard({
  type: 'list.sort',
  title: 'List - Sort',
  description:
    'Sorts a list from smallest to largest: numbers as numbers (9 before 80), text as text ("80" before "9"). ' +
    'For a list of objects, `path` names the key (or dot path) to sort by. Items that compare the same keep ' +
    'their order, so several Sorts in a row sort by several keys; items without the key come last. Reverse ' +
    'gives largest first.',
  kind: 'function',
  inputs: Type.Object({
    list: Type.Array(Type.Unknown(), { maxItems: 100_000 }),
    path: Type.Optional(Type.String({ description: 'Key or dot path to sort objects by; leave out for text, numbers or dates.' })),
  }),
  outputs: Type.Object({ sortedList: Type.Array(Type.Unknown()) }),
  examples: [
    { title: "Okta's example: numbers", inputs: { list: [9, 80, 20, 1] }, outputs: { sortedList: [1, 9, 20, 80] } },
    { title: "Okta's example: text", inputs: { list: ['9', '80', '20', '1'] }, outputs: { sortedList: ['1', '20', '80', '9'] } },
    { title: "Okta's example: objects by a key", inputs: { list: PEOPLE, path: 'name' }, outputs: { sortedList: [PEOPLE[2], PEOPLE[0], PEOPLE[1]] } },
    { title: 'items without the key come last, in their order', inputs: { list: [{ a: 2 }, {}, { a: 1 }, { b: 1 }], path: 'a' }, outputs: { sortedList: [{ a: 1 }, { a: 2 }, {}, { b: 1 }] } },
  ],
  okta: { keys: ['list:sortBy'], map: (v) => mapped({ list: v.input('list'), path: inputOf(v, ['path']) || undefined }, { 'sorted list': 'sortedList' }) },
  run(ctx, { list, path }) {
    const keys = path ? list.map((item) => readPath(item, path, ctx.cardId)) : list
    return { sortedList: sortKeyed(list, keys) }
  },
})
