import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { objectOf, segmentsOf, setSegments } from '../lib/object-path.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export const PATH = Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })], {
  description: 'A top-level key, a dot path (`customer.id`, `items.5`: a number indexes a list from 0), or a list of text whose items are literal keys.',
})

export default defineCard({
  type: 'object.set',
  title: 'Object - Set',
  description:
    'A new object with `value` at `path`, creating the key (and the objects on the way) when missing. ' +
    'The object given is not changed.',
  kind: 'function',
  inputs: Type.Object({ object: Type.Unknown({ description: 'The object you start with; null counts as empty.' }), path: PATH, value: Type.Unknown() }),
  outputs: Type.Object({ output: Type.Record(Type.String(), Type.Unknown()) }),
  examples: [
    { title: "Okta's example: replaces a key", inputs: { object: { foo: '1' }, path: 'foo', value: '2' }, outputs: { output: { foo: '2' } } },
    { title: "Okta's example: adds a key", inputs: { object: { foo: '1' }, path: 'bar', value: '2' }, outputs: { output: { foo: '1', bar: '2' } } },
    { title: "Okta's example: creates a sub-object", inputs: { object: { foo: '1' }, path: 'bar.baz', value: '2' }, outputs: { output: { foo: '1', bar: { baz: '2' } } } },
    { title: "Okta's example: a list item", inputs: { object: { foo: ['0', '1', '2'] }, path: 'foo.1', value: '9' }, outputs: { output: { foo: ['0', '9', '2'] } } },
    { title: "Okta's example: a nested key", inputs: { object: { foo: { bar: '1' } }, path: 'foo.bar', value: '2' }, outputs: { output: { foo: { bar: '2' } } } },
    { title: 'a list path takes its items as keys, dots and all', inputs: { object: {}, path: ['foo.bar'], value: 1 }, outputs: { output: { 'foo.bar': 1 } } },
    { title: 'an empty key in a path', inputs: { object: {}, path: 'a..b', value: 1 }, error: 'has an empty key' },
  ],
  okta: { keys: ['object:set'], map: (v) => mapped({ object: inputOf(v, ['object'], 0), path: inputOf(v, ['path'], 1), value: inputOf(v, ['value'], 2) ?? null }) },
  run(ctx, { object, path, value }) {
    const { keys, literal } = segmentsOf(path, ctx.cardId)
    return { output: setSegments(objectOf(object, 'object', ctx.cardId), keys, value, literal) as Record<string, unknown> }
  },
})
