import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { isRecord, objectOf, put } from '../lib/object-path.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

const EMILY = { Name: 'Emily', Age: '', Settings: { test: {}, test2: 'value2' } }

/** No value: null, empty text, an empty object. 0, false and an empty list are values. */
const empty = (v: unknown) => v === null || v === undefined || v === '' || (isRecord(v) && Object.keys(v).length === 0)

function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clean)
  if (!isRecord(v)) return v
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) {
    const c = clean(x)
    if (!empty(c)) put(out, k, c)
  }
  return out
}

/** The object without its empty keys, at the top level or (recursive) at every level. */
export function clearEmpty(object: unknown, recursive: boolean, cardId?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(objectOf(object, 'object', cardId))) {
    const c = recursive ? clean(v) : v
    if (!empty(c)) put(out, k, c)
  }
  return out
}

export default defineCard({
  type: 'object.clearEmpty',
  title: 'Object - Clear Empty',
  description:
    'The object without its keys that hold no value (null, empty text, an empty object), at the top level or, ' +
    'when `recursive`, at every level: a sub-object left empty by the cleaning goes too. 0, false and empty lists are values.',
  kind: 'function',
  inputs: Type.Object({
    object: Type.Unknown({ description: 'The object to clean; null counts as empty.' }),
    recursive: Type.Boolean({ default: false, description: 'Clean sub-objects too.' }),
  }),
  outputs: Type.Object({ output: Type.Record(Type.String(), Type.Unknown()) }),
  examples: [
    { title: "Okta's example, top level only", inputs: { object: EMILY, recursive: false }, outputs: { output: { Name: 'Emily', Settings: { test: {}, test2: 'value2' } } } },
    { title: "Okta's example, recursive", inputs: { object: EMILY, recursive: true }, outputs: { output: { Name: 'Emily', Settings: { test2: 'value2' } } } },
    { title: 'a sub-object emptied by the cleaning goes too', inputs: { object: { a: { b: { c: null } }, d: 1 }, recursive: true }, outputs: { output: { d: 1 } } },
  ],
  okta: { keys: ['object:clearEmpty', 'object:clearempty'], map: (v) => mapped({ object: inputOf(v, ['object'], 0), recursive: inputOf(v, ['recursive'], 1) }) },
  run: (ctx, { object, recursive }) => ({ output: clearEmpty(object, recursive, ctx.cardId) }),
})
