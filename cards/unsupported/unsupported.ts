/**
 * A card imported from Okta Workflows that cardflow cannot run yet. It keeps the Okta address and
 * inputs so nothing is lost, and the checker reports it, so such a flow never runs half-done.
 */
import { Type } from '@sinclair/typebox'
import { defineCard, defineTrigger } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'

const address = Type.String({ minLength: 1, description: 'The Okta card address, e.g. `root:kernel:string:0.0.1:match`.' })
const oktaName = Type.Optional(Type.String({ description: 'The card\'s name in Okta.' }))

function problem(addr: unknown, name: unknown): string[] {
  const label = typeof name === 'string' && name ? ` ("${name}")` : ''
  return [`unsupported Okta card ${String(addr)}${label}: cardflow has no card for it yet; replace it or remove it`]
}

export const unsupportedCard = defineCard({
  type: 'unsupported',
  title: 'Unsupported Okta card',
  description: 'Holds an imported Okta card cardflow does not support yet. `flow validate` reports it; it never runs.',
  kind: 'function',
  inputs: Type.Object({
    address,
    name: oktaName,
    inputs: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    outputs: Type.Optional(Type.Array(Type.String(), { description: 'The card\'s output names in Okta.' })),
  }),
  outputs: Type.Object({}, { additionalProperties: true }),
  outputNames: (inputs) => (Array.isArray(inputs.outputs) ? inputs.outputs.map(String) : undefined),
  check: (inputs) => problem(inputs.address, inputs.name),
  examples: [
    { title: 'is refused by the checker', inputs: { address: 'root:kernel:string:0.0.1:nope', name: 'Nope' }, error: 'unsupported Okta card root:kernel:string:0.0.1:nope' },
  ],
  run(ctx, { address: addr }) {
    throw new CardFailedError(`unsupported Okta card ${addr}`, ctx.cardId)
  },
})

export const unsupportedTrigger = defineTrigger({
  type: 'unsupported',
  title: 'Unsupported Okta event card',
  description: 'Holds an imported Okta event card cardflow does not support yet. `flow validate` reports it.',
  kind: 'trigger',
  eventTypes: [],
  options: Type.Object({
    address,
    name: oktaName,
    inputs: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    outputs: Type.Optional(Type.Array(Type.String())),
  }),
  outputs: Type.Object({}, { additionalProperties: true }),
  outputNames: (options) => options.outputs,
  check: (options) => problem(options.address, options.name),
})
