import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'

export default defineCard({
  type: 'control.return',
  title: 'Flow Control - Return',
  description:
    'Sets what the flow returns. For an API Endpoint flow in sync mode, `output` is the HTTP response body.',
  kind: 'control',
  inputs: Type.Object({ output: Type.Unknown() }),
  outputs: Type.Object({ output: Type.Unknown() }),
  run: (_ctx, { output }) => ({ output }),
})
