import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { callHelper } from '../lib/flow-result.ts'
import { helperInputs, mapped, nonEmpty } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.callFlowAsync',
  title: 'Call Flow Async',
  description:
    'Starts a helper flow with `inputs` and goes on without its values: the card has no outputs, and a failure of ' +
    'the helper does not fail this flow (it is in the helper\'s history and the log). Call Flow waits for values.',
  kind: 'control',
  inputs: Type.Object({
    flow: Type.String({ minLength: 1, description: "The helper flow's name." }),
    inputs: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
  }),
  outputs: Type.Object({}),
  examples: [
    { title: 'a failing helper does not fail the caller', inputs: { flow: 'fails', inputs: { n: 1 } }, helpers: { fails: `name: fails
trigger: { id: start, card: control.helperFlow, options: { inputs: [n] } }
cards:
  - id: boom
    card: json.parse
    inputs: { string: 'not json' }
` }, outputs: {} },
  ],
  okta: { keys: ['control:run'], map: (v) => mapped({ flow: v.helperFlow('flo'), inputs: nonEmpty(helperInputs(v)) }) },
  async run(ctx, { flow, inputs }) {
    try {
      await callHelper(ctx, flow, inputs)
    } catch (err) {
      ctx.log.warn({ flow, err: (err as Error).message }, 'Call Flow Async: the helper flow failed')
    }
    return {}
  },
})
