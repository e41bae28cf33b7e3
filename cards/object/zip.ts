import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { put } from '../lib/object-path.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'object.zip',
  title: 'Object - Zip',
  description:
    'Builds an object from a list of keys and a list of values, key by key: the way to make keys that hold dots. ' +
    'A key without a value gets null; values beyond the keys are left out; a repeated key keeps its last value.',
  kind: 'function',
  inputs: Type.Object({
    keys: Type.Array(Type.Unknown(), { maxItems: 10_000, description: 'List of key names.' }),
    values: Type.Array(Type.Unknown(), { default: [], description: 'List of values, as many as keys.' }),
  }),
  outputs: Type.Object({ object: Type.Record(Type.String(), Type.Unknown()) }),
  examples: [
    { title: "Okta's example: keys with dots", inputs: { keys: ['first.name', 'last.name'], values: ['John', 'Doe'] }, outputs: { object: { 'first.name': 'John', 'last.name': 'Doe' } } },
    { title: 'a key without a value gets null', inputs: { keys: ['a', 'b'], values: [1] }, outputs: { object: { a: 1, b: null } } },
  ],
  okta: { keys: ['object:zip'], map: (v) => mapped({ keys: inputOf(v, ['keys'], 0), values: inputOf(v, ['values'], 1) }) },
  run(_ctx, { keys, values }) {
    const object: Record<string, unknown> = {}
    for (const [i, k] of keys.entries()) put(object, textOf(k), values[i] ?? null)
    return { object }
  },
})
