import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { objectOf } from '../lib/object-path.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'object.size',
  title: 'Object - Size',
  description: 'The number of keys of an object (top level). A null object has size 0.',
  kind: 'function',
  inputs: Type.Object({ object: Type.Unknown({ description: 'The object whose size you want.' }) }),
  outputs: Type.Object({ size: Type.Integer() }),
  examples: [
    { title: "Okta's example", inputs: { object: { element1: 'a', element2: 'b' } }, outputs: { size: 2 } },
    { title: 'counts top-level keys only', inputs: { object: { a: { b: 1, c: 2 } } }, outputs: { size: 1 } },
    { title: 'null has size 0', inputs: { object: null }, outputs: { size: 0 } },
  ],
  okta: { keys: ['object:size'], map: (v) => mapped({ object: inputOf(v, ['object'], 0) }) },
  run: (ctx, { object }) => ({ size: Object.keys(objectOf(object, 'object', ctx.cardId)).length }),
})
