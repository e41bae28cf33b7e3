import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { named } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.return',
  title: 'Flow Control - Return',
  description:
    'Sets what the flow returns. For an API Endpoint flow in sync mode, `output` is the HTTP response body.',
  kind: 'control',
  inputs: Type.Object({ output: Type.Unknown() }),
  outputs: Type.Object({ output: Type.Unknown() }),
  ends: true,
  result: ({ output }) => ({ kind: 'values', values: output }),
  examples: [
    { title: 'gives back named values', inputs: { output: { login: 'ann@example.com' } }, outputs: { output: { login: 'ann@example.com' } } },
  ],
  okta: { keys: ['control:return'], map: (v) => ({ inputs: { output: named(v) } }) },
  run: (_ctx, { output }) => ({ output }),
})
