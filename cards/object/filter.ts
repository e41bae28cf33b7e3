import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { clearEmpty } from './clear-empty.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

const EMILY = { Name: 'Emily', Age: '', Settings: { test: {}, test2: 'value2' } }

export default defineCard({
  type: 'object.filter',
  title: 'Object - Filter',
  description:
    'The object without its top-level keys that hold no value: null, empty text or an empty object. Sub-objects ' +
    'are kept as they are (Clear Empty can clean them too); 0, false and empty lists are values.',
  kind: 'function',
  inputs: Type.Object({ object: Type.Unknown({ description: 'The object to clean; null counts as empty.' }) }),
  outputs: Type.Object({ output: Type.Record(Type.String(), Type.Unknown()) }),
  examples: [
    { title: "Okta's example: sub-objects stay", inputs: { object: EMILY }, outputs: { output: { Name: 'Emily', Settings: { test: {}, test2: 'value2' } } } },
    { title: '0, false and [] are values', inputs: { object: { a: 0, b: false, c: [], d: null } }, outputs: { output: { a: 0, b: false, c: [] } } },
  ],
  okta: { keys: ['object:filter'], map: (v) => mapped({ object: inputOf(v, ['object'], 0) }) },
  run: (ctx, { object }) => ({ output: clearEmpty(object, false, ctx.cardId) }),
})
