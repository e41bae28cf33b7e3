import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'json.stringify',
  title: 'JSON - Stringify',
  description: 'Turns a value into JSON text.',
  kind: 'function',
  inputs: Type.Object({ object: Type.Unknown() }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'writes a value as JSON text', inputs: { object: { a: [1, 2] } }, outputs: { output: '{"a":[1,2]}' } },
  ],
  okta: { keys: ['json:stringify'], map: sameKeys(['object']) },
  run: (_ctx, { object }) => ({ output: JSON.stringify(object ?? null) }),
})
