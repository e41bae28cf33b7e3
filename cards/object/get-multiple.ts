import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { getPath } from '../../engine/values.ts'

const PATH_DOC =
  'Dot path into the object: `a.b`, `items.0.id`; `[key=value]` picks the first list item whose ' +
  'key has that value, e.g. `data.events.0.target[type=User].alternateId`.'

export default defineCard({
  type: 'object.getMultiple',
  title: 'Object - Get Multiple',
  description: 'Reads several values out of an object at once. Each entry of `paths` becomes an output.',
  kind: 'function',
  inputs: Type.Object({
    object: Type.Unknown({ description: 'The object to read from.' }),
    paths: Type.Record(Type.String({ pattern: '^[^.{}\\[\\]]+$' }), Type.String({ minLength: 1, description: PATH_DOC }), {
      minProperties: 1,
      description: 'Output name to path.',
    }),
  }),
  outputs: Type.Object({}, { additionalProperties: true }),
  outputNames: (inputs) =>
    inputs.paths && typeof inputs.paths === 'object' ? Object.keys(inputs.paths as object) : undefined,
  examples: [
    { title: 'reads several paths at once', inputs: { object: { user: { id: '00u1', groups: ['a', 'b'] } }, paths: { id: 'user.id', first: 'user.groups.0' } }, outputs: { id: '00u1', first: 'a' } },
  ],
  okta: {
    keys: ['object:pick'],
    map: (v) => {
      // one output per picked path, named by its last segment unless two paths share it
      const keys = v.outputKeys()
      const outputs: Record<string, string> = {}
      const paths: Record<string, string> = {}
      for (const key of keys) {
        const last = key.split('.').at(-1) ?? key
        const name = keys.filter((k) => k.split('.').at(-1) === last).length === 1 ? last : key.replaceAll('.', '_')
        outputs[key] = name
        paths[name] = key
      }
      return { inputs: { object: v.input('object'), paths }, outputs }
    },
  },
  run(ctx, { object, paths }) {
    const out: Record<string, unknown> = {}
    for (const [name, path] of Object.entries(paths)) out[name] = readPath(object, path, ctx.cardId)
    return out
  },
})

const SEGMENT = /^([^[\]]*)(?:\[([^=\]]+)=([^\]]*)\])?$/

/** Missing values read as null, as in Okta; a malformed path is an error. */
export function readPath(root: unknown, path: string, cardId?: string): unknown {
  let cur: unknown = root
  for (const raw of path.split('.')) {
    const m = SEGMENT.exec(raw)
    if (!m) throw new CardFailedError(`bad path segment "${raw}" in "${path}"`, cardId)
    const [, key, selKey, selValue] = m
    if (key) cur = getPath(cur, [key])
    if (selKey !== undefined) {
      cur = Array.isArray(cur) ? (cur.find((item) => String(getPath(item, [selKey])) === selValue) ?? null) : null
    }
    if (cur === null || cur === undefined) return null
  }
  return cur
}
