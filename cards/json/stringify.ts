import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'

export default defineCard({
  type: 'json.stringify',
  title: 'JSON - Stringify',
  description: 'Turns a value into JSON text.',
  kind: 'function',
  inputs: Type.Object({ object: Type.Unknown() }),
  outputs: Type.Object({ output: Type.String() }),
  run: (_ctx, { object }) => ({ output: JSON.stringify(object ?? null) }),
})
