import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { objectOf, segmentsOf, unsetSegments } from '../lib/object-path.ts'
import { PATH } from './set.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

const BAKERY = { type: 'donut', name: 'Raised', batters: { batter: [{ id: '1001', type: 'Regular' }] }, topping: [{ id: '5003', type: 'Chocolate' }, { id: '5004', type: 'Maple' }] }

export default defineCard({
  type: 'object.unset',
  title: 'Object - Unset',
  description:
    'A new object without the key at `path`. A list item named by its index is taken out, so the list ' +
    'shrinks. A path that is not there gives the object unchanged.',
  kind: 'function',
  inputs: Type.Object({ object: Type.Unknown({ description: 'The object holding the key to delete; null counts as empty.' }), path: PATH }),
  outputs: Type.Object({ output: Type.Record(Type.String(), Type.Unknown()) }),
  examples: [
    { title: "Okta's example: a top-level key", inputs: { object: { foo: 1, bar: 2 }, path: 'foo' }, outputs: { output: { bar: 2 } } },
    { title: "Okta's example: a nested key", inputs: { object: { a: 'one', b: { foo: 1, bar: 2 } }, path: 'b.foo' }, outputs: { output: { a: 'one', b: { bar: 2 } } } },
    { title: "Okta's example: a list item is taken out", inputs: { object: BAKERY, path: 'topping.1' }, outputs: { output: { ...BAKERY, topping: [{ id: '5003', type: 'Chocolate' }] } } },
    { title: 'a list path deletes a key with a dot', inputs: { object: { 'a.b': 1, a: { b: 2 } }, path: ['a.b'] }, outputs: { output: { a: { b: 2 } } } },
    { title: 'a missing key leaves the object as it is', inputs: { object: { a: 1 }, path: 'x.y' }, outputs: { output: { a: 1 } } },
  ],
  okta: { keys: ['object:unset'], map: (v) => mapped({ object: inputOf(v, ['object'], 0), path: inputOf(v, ['path'], 1) }) },
  run(ctx, { object, path }) {
    const { keys, literal } = segmentsOf(path, ctx.cardId)
    return { output: unsetSegments(objectOf(object, 'object', ctx.cardId), keys, literal) as Record<string, unknown> }
  },
})
