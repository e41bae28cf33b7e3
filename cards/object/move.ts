import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { objectOf, put } from '../lib/object-path.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'object.move',
  title: 'Object - Move',
  description:
    'Renames a key: the value of `source` moves to `destination`, which comes last in the new object ' +
    '(replacing a key of that name). A `source` that is not there gives the object unchanged.',
  kind: 'function',
  inputs: Type.Object({
    object: Type.Unknown({ description: 'The object to change; null counts as empty.' }),
    source: Type.String({ minLength: 1, description: 'The key holding the value.' }),
    destination: Type.String({ minLength: 1, description: 'The new key.' }),
  }),
  outputs: Type.Object({ output: Type.Record(Type.String(), Type.Unknown()) }),
  examples: [
    { title: "Okta's example: the moved key comes last", inputs: { object: { one: 'hello', two: 'goodbye' }, source: 'one', destination: 'three' }, outputs: { output: { two: 'goodbye', three: 'hello' } } },
    { title: 'a missing source changes nothing', inputs: { object: { a: 1 }, source: 'b', destination: 'c' }, outputs: { output: { a: 1 } } },
  ],
  okta: { keys: ['object:move'], map: (v) => mapped({ object: inputOf(v, ['object'], 0), source: inputOf(v, ['source'], 1), destination: inputOf(v, ['destination'], 2) }) },
  run(ctx, { object, source, destination }) {
    const o = objectOf(object, 'object', ctx.cardId)
    if (!Object.hasOwn(o, source)) return { output: { ...o } }
    const output: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(o)) if (k !== source && k !== destination) put(output, k, v)
    put(output, destination, o[source])
    return { output }
  },
})
