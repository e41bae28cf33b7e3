import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { readSegments, segmentsOf } from '../lib/object-path.ts'
import { readPath } from './get-multiple.ts'
import { PATH } from './set.ts'
import { sameKeys } from '../../importer/mapping.ts'

const ALL = { all: [{ b: 'banana' }, { b: 'blackberry' }, { b: 'breadfruit' }] }

export default defineCard({
  type: 'object.get',
  title: 'Object - Get',
  description:
    'The value at `path` in `object`: a key, a dot path (`a.b`, `items.0.id`, lists indexed from 0) or a list of ' +
    'literal keys; null when missing.',
  kind: 'function',
  inputs: Type.Object({ object: Type.Unknown(), path: PATH }),
  outputs: Type.Object({ output: Type.Unknown() }),
  examples: [
    { title: "Okta's example: a key", inputs: { object: { a: 'one', b: 'two', c: 17 }, path: 'b' }, outputs: { output: 'two' } },
    { title: "Okta's example: a nested key", inputs: { object: { all: { b: 'banana', c: 'cucumber' } }, path: 'all.c' }, outputs: { output: 'cucumber' } },
    { title: "Okta's example: a list index", inputs: { object: ALL, path: 'all.2.b' }, outputs: { output: 'breadfruit' } },
    { title: 'a list of keys reads a key with a dot', inputs: { object: { 'a.b': 1 }, path: ['a.b'] }, outputs: { output: 1 } },
    { title: 'a missing path gives null', inputs: { object: { a: 1 }, path: 'b.c' }, outputs: { output: null } },
  ],
  okta: { keys: ['object:get'], map: sameKeys(['object', 'path']) },
  run(ctx, { object, path }) {
    if (typeof path === 'string') return { output: readPath(object, path, ctx.cardId) }
    const { keys, literal } = segmentsOf(path, ctx.cardId)
    return { output: readSegments(object, keys, literal) }
  },
})
