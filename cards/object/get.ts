import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { readPath } from './get-multiple.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'object.get',
  title: 'Object - Get',
  description: 'The value at `path` in `object` (a key or dot path: `a.b`, `items.0.id`); null when missing.',
  kind: 'function',
  inputs: Type.Object({ object: Type.Unknown(), path: Type.String({ minLength: 1 }) }),
  outputs: Type.Object({ output: Type.Unknown() }),
  examples: [
    { title: 'reads a dot path', inputs: { object: { user: { profile: { email: 'ann@example.com' } } }, path: 'user.profile.email' }, outputs: { output: 'ann@example.com' } },
  ],
  okta: { keys: ['object:get'], map: sameKeys(['object', 'path']) },
  run: (ctx, { object, path }) => ({ output: readPath(object, path, ctx.cardId) }),
})
