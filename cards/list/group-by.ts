import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { readPath } from '../object/get-multiple.ts'
import { put } from '../lib/object-path.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

/** The text a value becomes as a key: numbers and true/false as written, lists and objects as JSON, null as "null". */
export const keyText = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v))

const DEEP = [{ a: 1, b: { c: 2, d: 3 } }, { a: 4, b: { c: 5, d: 6 } }, { a: 7, b: { c: 8, d: 6 } }]

export default defineCard({
  type: 'list.groupBy',
  title: 'List - Group By',
  description:
    'An object with one key per value found at `path` in the items (numbers become text keys), each holding the ' +
    'list of items with that value, in order. Items without the value are grouped under "null".',
  kind: 'function',
  inputs: Type.Object({ list: Type.Array(Type.Unknown(), { maxItems: 100_000 }), path: Type.String({ default: '' }) }),
  outputs: Type.Object({ output: Type.Record(Type.String(), Type.Array(Type.Unknown())) }),
  examples: [
    { title: "Okta's example", inputs: { list: [{ a: 1 }, { a: 2 }, { a: 3 }, { a: 3 }, { a: 3 }], path: 'a' }, outputs: { output: { 1: [{ a: 1 }], 2: [{ a: 2 }], 3: [{ a: 3 }, { a: 3 }, { a: 3 }] } } },
    { title: "Okta's example: a dot path", inputs: { list: DEEP, path: 'b.d' }, outputs: { output: { 3: [DEEP[0]], 6: [DEEP[1], DEEP[2]] } } },
    { title: 'no path groups by the items themselves', inputs: { list: ['x', 'y', 'x'] }, outputs: { output: { x: ['x', 'x'], y: ['y'] } } },
  ],
  okta: { keys: ['list:groupBy'], map: (v) => mapped({ list: inputOf(v, ['list'], 0), path: inputOf(v, ['path'], 1) || undefined }) },
  run(ctx, { list, path }) {
    const output: Record<string, unknown[]> = {}
    for (const item of list) {
      const k = keyText(path ? readPath(item, path, ctx.cardId) : item)
      if (Object.hasOwn(output, k)) output[k]!.push(item)
      else put(output, k, [item])
    }
    return { output }
  },
})
