import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { objectOf, put } from '../lib/object-path.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.collapse',
  title: 'List - Collapse',
  description: 'Merges a list of objects into one object, in the order of the list: a key in several keeps the value of the last. Null items are left out.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Array(Type.Unknown(), { maxItems: 100_000 }) }),
  outputs: Type.Object({ item: Type.Record(Type.String(), Type.Unknown()) }),
  examples: [
    { title: 'later keys win', inputs: { list: [{ a: 1, b: 1 }, { b: 2 }, null] }, outputs: { item: { a: 1, b: 2 } } },
    { title: 'items must be objects', inputs: { list: [{ a: 1 }, 'x'] }, error: 'item 1 must be an object' },
  ],
  okta: { keys: ['list:collapse'], map: (v) => mapped({ list: inputOf(v, ['list'], 0) }) },
  run(ctx, { list }) {
    const item: Record<string, unknown> = {}
    list.forEach((o, i) => {
      for (const [k, v] of Object.entries(objectOf(o, `item ${i}`, ctx.cardId))) put(item, k, v)
    })
    return { item }
  },
})
