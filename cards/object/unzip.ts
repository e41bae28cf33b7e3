import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { objectOf } from '../lib/object-path.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'object.unzip',
  title: 'Object - Unzip',
  description: 'The inverse of Zip: a list of the keys of an object and a list of its values, in the same order. (In Okta, a Connector Builder card.)',
  kind: 'function',
  inputs: Type.Object({ object: Type.Unknown({ description: 'Object from which key and value lists are derived.' }) }),
  outputs: Type.Object({ keys: Type.Array(Type.String()), values: Type.Array(Type.Unknown()) }),
  examples: [
    { title: "Okta's example", inputs: { object: { 'first.name': 'John', 'last.name': 'Doe' } }, outputs: { keys: ['first.name', 'last.name'], values: ['John', 'Doe'] } },
    { title: 'null gives two empty lists', inputs: { object: null }, outputs: { keys: [], values: [] } },
  ],
  okta: { keys: ['object:unzip'], map: (v) => mapped({ object: inputOf(v, ['object'], 0) }) },
  run(ctx, { object }) {
    const o = objectOf(object, 'object', ctx.cardId)
    return { keys: Object.keys(o), values: Object.values(o) }
  },
})
