import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { readPath } from '../object/get-multiple.ts'
import { firstOfEach, valueKey } from './union.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

const PEOPLE = [{ name: 'Nicole', value: 10 }, { name: 'Sarah', value: 20 }, { name: 'Emily', value: 10 }]

export default defineCard({
  type: 'list.removeDuplicates',
  title: 'List - Remove Duplicates',
  description:
    'Keeps the first item of each value, in order. For a list of objects, `path` names the key (or dot path) ' +
    'that decides what is a duplicate; items that are not objects are compared whole.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Array(Type.Unknown(), { maxItems: 100_000 }), path: Type.Optional(Type.String()) }),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: "Okta's example: numbers", inputs: { list: [9, 80, 1, 9, 20, 1] }, outputs: { list: [9, 80, 1, 20] } },
    { title: "Okta's example: objects by value", inputs: { list: PEOPLE, path: 'value' }, outputs: { list: [PEOPLE[0], PEOPLE[1]] } },
    { title: "Okta's example: objects by name", inputs: { list: PEOPLE, path: 'name' }, outputs: { list: PEOPLE } },
  ],
  okta: { keys: ['list:uniqueBy'], map: (v) => mapped({ list: inputOf(v, ['list'], 0), path: inputOf(v, ['path'], 1) || undefined }) },
  run(ctx, { list, path }) {
    const keyOf = (item: unknown) => valueKey(path && item !== null && typeof item === 'object' && !Array.isArray(item) ? readPath(item, path, ctx.cardId) : item)
    return { list: firstOfEach(list, keyOf) }
  },
})
