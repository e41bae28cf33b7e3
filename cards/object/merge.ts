import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { objectOf, put } from '../lib/object-path.ts'
import { extraInputs, inputOf, mapped, nonEmpty } from '../../importer/mapping.ts'

const Obj = Type.Unknown({ description: 'An object; null counts as an empty one.' })

export default defineCard({
  type: 'object.merge',
  title: 'Object - Merge',
  description:
    'Merges two or more objects into one: every key of every object, and where a key is in several, the value ' +
    'of the last object in the order. Top-level keys only: a nested object is replaced whole, not merged.',
  kind: 'function',
  inputs: Type.Object({
    object1: Obj,
    object2: Obj,
    more: Type.Array(Type.Unknown(), { default: [], maxItems: 1000, description: 'Further objects, merged after object 2 in order.' }),
  }),
  outputs: Type.Object({ output: Type.Record(Type.String(), Type.Unknown()) }),
  examples: [
    { title: "Okta's example: the last object's value wins", inputs: { object1: { email: 'jane.doe@example.com', id: 123 }, object2: { email: 'john.doe@example.com', first: 'John', last: 'Doe' } }, outputs: { output: { email: 'john.doe@example.com', id: 123, first: 'John', last: 'Doe' } } },
    { title: "Okta's example, the other way round", inputs: { object1: { email: 'john.doe@example.com', first: 'John', last: 'Doe' }, object2: { email: 'jane.doe@example.com', id: 123 } }, outputs: { output: { email: 'jane.doe@example.com', first: 'John', last: 'Doe', id: 123 } } },
    { title: 'more objects, and null as empty', inputs: { object1: { a: 1 }, object2: null, more: [{ b: 2 }, { a: 3 }] }, outputs: { output: { a: 3, b: 2 } } },
    { title: 'a list is not an object', inputs: { object1: { a: 1 }, object2: [1] }, error: 'object 2 must be an object, not a list' },
  ],
  okta: {
    keys: ['object:merge'],
    map: (v) => mapped({ object1: inputOf(v, ['start'], 0) ?? null, object2: inputOf(v, ['sink'], 1) ?? null, more: nonEmpty(extraInputs(v, ['start', 'sink'])) }),
  },
  run(ctx, { object1, object2, more }) {
    const output: Record<string, unknown> = {}
    ;[object1, object2, ...more].forEach((o, i) => {
      for (const [k, v] of Object.entries(objectOf(o, `object ${i + 1}`, ctx.cardId))) put(output, k, v)
    })
    return { output }
  },
})
