import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { objectOf } from '../lib/object-path.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'object.keys',
  title: 'Object - Keys',
  description: 'The keys of an object, top level only, in their order, as a list of text. A null object gives an empty list.',
  kind: 'function',
  inputs: Type.Object({ object: Type.Unknown({ description: 'The object whose keys you want.' }) }),
  outputs: Type.Object({ output: Type.Array(Type.String()) }),
  examples: [
    { title: "Okta's example", inputs: { object: { Name: 'Emily', Age: '66', 'Hair Color': 'Brown', 'Eye Color': '175' } }, outputs: { output: ['Name', 'Age', 'Hair Color', 'Eye Color'] } },
    { title: 'null gives no keys', inputs: { object: null }, outputs: { output: [] } },
    { title: 'a list is not an object', inputs: { object: [1, 2] }, error: 'object must be an object, not a list' },
  ],
  okta: { keys: ['object:keys'], map: (v) => mapped({ object: inputOf(v, ['object'], 0) }) },
  run: (ctx, { object }) => ({ output: Object.keys(objectOf(object, 'object', ctx.cardId)) }),
})
