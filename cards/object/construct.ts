import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { named } from '../../importer/mapping.ts'

export default defineCard({
  type: 'object.construct',
  title: 'Object - Construct',
  description: 'Builds an object from named fields.',
  kind: 'function',
  inputs: Type.Object({ fields: Type.Record(Type.String(), Type.Unknown()) }),
  outputs: Type.Object({ output: Type.Record(Type.String(), Type.Unknown()) }),
  examples: [
    { title: 'builds an object from named fields', inputs: { fields: { login: 'ann@example.com', active: true } }, outputs: { output: { login: 'ann@example.com', active: true } } },
  ],
  okta: { keys: ['object:construct'], map: (v) => ({ inputs: { fields: named(v) } }) },
  run: (_ctx, { fields }) => ({ output: { ...fields } }),
})
