import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { named } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.return',
  title: 'Flow Control - Return',
  description:
    'Ends the flow and gives back `output` to its caller (a helper flow\'s caller, or the HTTP answer\'s body ' +
    'of a sync API Endpoint flow). Inside an If/Else branch it ends the branch only and the flow goes on after the block.',
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
