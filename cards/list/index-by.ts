import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { readPath } from '../object/get-multiple.ts'
import { put } from '../lib/object-path.ts'
import { keyText } from './group-by.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

const FIELDS = [{ fieldname: 'x', myvalue: 'one' }, { fieldname: 'y', myvalue: 'two' }, { fieldname: 'z', myvalue: 'three' }]

export default defineCard({
  type: 'list.indexBy',
  title: 'List - Index By',
  description:
    'An object from a list of objects: for each item, the value at `keyPath` becomes a key holding the value at ' +
    '`valuePath` (the whole item when `valuePath` is empty). A repeated key keeps its last value.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Array(Type.Unknown(), { maxItems: 100_000 }), keyPath: Type.String({ minLength: 1 }), valuePath: Type.String({ default: '' }) }),
  outputs: Type.Object({ output: Type.Record(Type.String(), Type.Unknown()) }),
  examples: [
    { title: 'name/value pairs to an object', inputs: { list: FIELDS, keyPath: 'fieldname', valuePath: 'myvalue' }, outputs: { output: { x: 'one', y: 'two', z: 'three' } } },
    { title: 'whole items by id', inputs: { list: [{ id: 'a', n: 1 }, { id: 'b', n: 2 }], keyPath: 'id' }, outputs: { output: { a: { id: 'a', n: 1 }, b: { id: 'b', n: 2 } } } },
  ],
  okta: { keys: ['list:indexBy'], map: (v) => mapped({ list: inputOf(v, ['list'], 0), keyPath: inputOf(v, ['keyPath', 'key'], 1), valuePath: inputOf(v, ['valuePath', 'value'], 2) || undefined }) },
  run(ctx, { list, keyPath, valuePath }) {
    const output: Record<string, unknown> = {}
    for (const item of list) put(output, keyText(readPath(item, keyPath, ctx.cardId)), valuePath ? readPath(item, valuePath, ctx.cardId) : item)
    return { output }
  },
})
