import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { callHelper, declaredReturns, returnedOf } from '../lib/flow-result.ts'
import { helperInputs, mapped, nonEmpty } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.ifError',
  title: 'If Error',
  description:
    'Runs the Try steps (a helper flow) and gives back what its Return card gives. When a step fails, ' +
    'the flow goes on: the `catch` helper flow runs with the same `inputs` and `error`, and what its Return ' +
    'gives is the outputs; without it they are the `ifError` values (null when not given). `error` holds ' +
    '{message, code, method, flo, execution} of the failure. A failing `catch` flow fails the card.',
  kind: 'control',
  inputs: Type.Object({
    flow: Type.String({ minLength: 1, description: 'The helper flow holding the Try steps.' }),
    inputs: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    returns: Type.Array(Type.String(), { default: [] }),
    catch: Type.Optional(Type.String({ minLength: 1, description: 'The helper flow holding the If Error steps.' })),
    ifError: Type.Record(Type.String(), Type.Unknown(), { default: {}, description: 'Outputs when the Try steps fail.' }),
  }),
  outputs: Type.Object({ error: Type.Unknown() }, { additionalProperties: true }),
  outputNames: (inputs) => [...(declaredReturns(inputs) ?? [])],
  examples: [
    { title: 'takes the If Error values when the Try steps fail', inputs: { flow: 'try', returns: ['answer'], ifError: { answer: 'fallback' } }, helpers: { try: `name: try
trigger: { id: start, card: control.helperFlow }
cards:
  - id: parse
    card: json.parse
    inputs: { string: 'not json' }
` } },
    { title: 'runs the If Error steps with the error', inputs: { flow: 'try', catch: 'handle', returns: ['answer'] }, helpers: { try: `name: try
trigger: { id: start, card: control.helperFlow }
cards:
  - id: fail
    card: control.returnError
    inputs: { message: no such user }
`, handle: `name: handle
trigger: { id: start, card: control.helperFlow }
cards:
  - id: give
    card: control.return
    inputs: { output: { answer: 'failed: {{start.error.message}}' } }
` } },
  ],
  okta: { keys: ['control:tryCatch'], map: (v) => mapped({ flow: v.helperFlow('flo'), catch: v.errorFlow(), inputs: nonEmpty(helperInputs(v)), returns: nonEmpty(v.outputKeys()) }) },
  async run(ctx, { flow, inputs, returns, catch: onError, ifError }) {
    if (!ctx.callFlow) throw new CardFailedError(`helper flow "${flow}" cannot run here: this run was started without its helper flows`, ctx.cardId)
    const run = await ctx.callFlow(flow, inputs)
    if (run.status !== 'failed') return { ...returnedOf(run), error: null }
    const fallback = Object.fromEntries(returns.map((r) => [r, ifError[r] ?? null]))
    const failed = run.cards.find((c) => c.id === run.error?.cardId)
    const error = { message: run.error?.message ?? 'failed', code: run.error?.code ?? 'CARD_FAILED', method: failed?.card ?? null, flo: flow, execution: run.runId }
    ctx.log.info({ flow, error: error.message }, 'If Error: Try steps failed')
    if (!onError) return { ...fallback, error }
    return { ...fallback, ...returnedOf(await callHelper(ctx, onError, { ...inputs, error })), error }
  },
})
