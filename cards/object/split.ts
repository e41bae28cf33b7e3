import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { objectOf } from '../lib/object-path.ts'
import { extraInputs, inputOf, mapped, nonEmpty } from '../../importer/mapping.ts'

export default defineCard({
  type: 'object.split',
  title: 'Object - Split',
  description:
    'Splits an object into a list of `{key, value}` objects, one per top-level key, in order: the inverse of ' +
    'Collapse. The keys of further objects follow in order.',
  kind: 'function',
  inputs: Type.Object({
    object: Type.Unknown({ description: 'The object to split; null counts as empty.' }),
    more: Type.Array(Type.Unknown(), { default: [], maxItems: 1000, description: 'Further objects to split.' }),
  }),
  outputs: Type.Object({ list: Type.Array(Type.Object({ key: Type.String(), value: Type.Unknown() })) }),
  examples: [
    { title: "Okta's example", inputs: { object: { name: 'Jessie Doe', empno: 'C45X13' } }, outputs: { list: [{ key: 'name', value: 'Jessie Doe' }, { key: 'empno', value: 'C45X13' }] } },
    { title: 'null gives an empty list', inputs: { object: null }, outputs: { list: [] } },
  ],
  okta: { keys: ['object:split'], map: (v) => mapped({ object: inputOf(v, ['object'], 0), more: nonEmpty(extraInputs(v, ['object'])) }) },
  run(ctx, { object, more }) {
    const list = [object, ...more].flatMap((o) => Object.entries(objectOf(o, 'object', ctx.cardId)).map(([key, value]) => ({ key, value })))
    return { list }
  },
})
