import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { readPath } from '../object/get-multiple.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.pluck',
  title: 'List - Pluck',
  description: 'From a list of objects, the value at `key` (a dot path, e.g. `profile.email`) of each one; null where missing.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Array(Type.Unknown()), key: Type.String({ minLength: 1 }) }),
  outputs: Type.Object({ values: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'takes one key of each object', inputs: { list: [{ id: 1 }, { id: 2 }, { name: 'x' }], key: 'id' }, outputs: { values: [1, 2, null] } },
  ],
  okta: { keys: ['list:pluck'], map: sameKeys(['list', 'key']) },
  run: (ctx, { list, key }) => ({ values: list.map((item) => readPath(item, key, ctx.cardId)) }),
})
