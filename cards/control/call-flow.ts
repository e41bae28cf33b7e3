import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { callHelper, declaredReturns, returnedOf } from '../lib/flow-result.ts'
import { helperInputs, mapped, nonEmpty } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.callFlow',
  title: 'Call Flow',
  description:
    'Runs a helper flow with `inputs` and waits for it. Its outputs are the values the helper\'s Return ' +
    'card gives, named in `returns`. A failed helper fails this card. `async: true` does not wait for ' +
    'values (outputs are empty); Call Flow Async is the card for that.',
  kind: 'control',
  inputs: Type.Object({
    flow: Type.String({ minLength: 1, description: 'The helper flow\'s name.' }),
    inputs: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    returns: Type.Array(Type.String(), { default: [], description: 'Names of the values the helper returns.' }),
    async: Type.Boolean({ default: false }),
  }),
  outputs: Type.Object({}, { additionalProperties: true }),
  outputNames: declaredReturns,
  examples: [
    { title: 'runs a helper and takes back its values', inputs: { flow: 'double', inputs: { n: 21 }, returns: ['doubled'] }, helpers: { double: `name: double
trigger: { id: start, card: control.helperFlow, options: { inputs: [n] } }
cards:
  - id: times
    card: number.multiply
    inputs: { a: '{{start.n}}', b: 2 }
  - id: give
    card: control.return
    inputs: { output: { doubled: '{{times.output}}' } }
` }, outputs: { doubled: 42 } },
  ],
  okta: {
    keys: ['control:spawn'],
    map: (v) => mapped({ flow: v.helperFlow('flo'), inputs: nonEmpty(helperInputs(v)), returns: nonEmpty(v.outputKeys()) }),
  },
  async run(ctx, { flow, inputs, async }) {
    const run = await callHelper(ctx, flow, inputs)
    return async ? {} : returnedOf(run)
  },
})
