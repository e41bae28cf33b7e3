import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { objectOf } from '../lib/object-path.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'object.values',
  title: 'Object - Values',
  description: 'The values of an object, top level only, in the order of its keys. A null object gives an empty list.',
  kind: 'function',
  inputs: Type.Object({ object: Type.Unknown({ description: 'The object whose values you want.' }) }),
  outputs: Type.Object({ output: Type.Array(Type.Unknown()) }),
  examples: [
    { title: "Okta's example", inputs: { object: { Name: 'Emily', Age: '66', 'Hair Color': 'Brown', ID: '175' } }, outputs: { output: ['Emily', '66', 'Brown', '175'] } },
    { title: 'nested values stay whole', inputs: { object: { a: { b: 1 }, c: [2] } }, outputs: { output: [{ b: 1 }, [2]] } },
    { title: 'text is not an object', inputs: { object: 'abc' }, error: 'object must be an object, not string' },
  ],
  okta: { keys: ['object:values'], map: (v) => mapped({ object: inputOf(v, ['object'], 0) }) },
  run: (ctx, { object }) => ({ output: Object.values(objectOf(object, 'object', ctx.cardId)) }),
})
