import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'

export default defineCard({
  type: 'object.construct',
  title: 'Object - Construct',
  description: 'Builds an object from named fields.',
  kind: 'function',
  inputs: Type.Object({ fields: Type.Record(Type.String(), Type.Unknown()) }),
  outputs: Type.Object({ output: Type.Record(Type.String(), Type.Unknown()) }),
  run: (_ctx, { fields }) => ({ output: { ...fields } }),
})
