import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { callHelper, declaredReturns, returnedOf } from './flow-result.ts'

export default defineCard({
  type: 'control.callFlow',
  title: 'Call Flow',
  description:
    'Runs a helper flow with `inputs` and waits for it. Its outputs are the values the helper\'s Return ' +
    'card gives, named in `returns`. A failed helper fails this card. `async: true` (Call Flow Async) ' +
    'does not wait for values: outputs are empty.',
  kind: 'control',
  inputs: Type.Object({
    flow: Type.String({ minLength: 1, description: 'The helper flow\'s name.' }),
    inputs: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    returns: Type.Array(Type.String(), { default: [], description: 'Names of the values the helper returns.' }),
    async: Type.Boolean({ default: false }),
  }),
  outputs: Type.Object({}, { additionalProperties: true }),
  outputNames: declaredReturns,
  async run(ctx, { flow, inputs, async }) {
    const run = await callHelper(ctx, flow, inputs)
    return async ? {} : returnedOf(run)
  },
})
