import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { textOf } from '../../engine/values.ts'
import { isRecord, put } from '../lib/object-path.ts'
import { extraInputs, inputOf, mapped, nonEmpty } from '../../importer/mapping.ts'

export default defineCard({
  type: 'object.collapse',
  title: 'Object - Collapse',
  description:
    'Combines a list of `{key, value}` objects into one object: the inverse of Split. Further lists follow in ' +
    'order; a repeated key keeps its last value. An item without a `key` fails the card.',
  kind: 'function',
  inputs: Type.Object({
    list: Type.Array(Type.Unknown(), { maxItems: 10_000, description: 'The list of key/value objects to combine.' }),
    more: Type.Array(Type.Array(Type.Unknown()), { default: [], maxItems: 1000, description: 'Further lists to combine.' }),
  }),
  outputs: Type.Object({ list: Type.Record(Type.String(), Type.Unknown(), { description: 'The resulting object (Okta names it list).' }) }),
  examples: [
    { title: "Okta's example", inputs: { list: [{ key: 'foo', value: 'bar' }, { key: 'baz', value: 'taz' }] }, outputs: { list: { foo: 'bar', baz: 'taz' } } },
    { title: 'a repeated key keeps its last value', inputs: { list: [{ key: 'a', value: 1 }], more: [[{ key: 'a', value: 2 }]] }, outputs: { list: { a: 2 } } },
    { title: 'an item without a key', inputs: { list: [{ value: 1 }] }, error: 'item 0 has no key' },
  ],
  okta: { keys: ['object:collapse'], map: (v) => mapped({ list: inputOf(v, ['list'], 0), more: nonEmpty(extraInputs(v, ['list'])) }) },
  run(ctx, { list, more }) {
    const out: Record<string, unknown> = {}
    for (const items of [list, ...more]) {
      items.forEach((item, i) => {
        if (!isRecord(item) || item.key === undefined || item.key === null || item.key === '') throw new CardFailedError(`item ${i} has no key: Collapse takes {key, value} objects`, ctx.cardId)
        put(out, textOf(item.key), item.value ?? null)
      })
    }
    return { list: out }
  },
})
