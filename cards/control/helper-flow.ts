import { Type } from '@sinclair/typebox'
import { defineTrigger } from '../../engine/card.ts'

/** The `index`, `parent` and `error` context Okta gives every helper flow, besides its own inputs. */
const CONTEXT = ['index', 'parent', 'error']

export default defineTrigger({
  type: 'control.helperFlow',
  title: 'Helper Flow',
  description:
    'Starts a flow that other flows call (Call Flow, For Each, If Error). Its outputs are the inputs ' +
    'listed in the `inputs` option, plus `index` (For Each position), `parent` and `error`.',
  kind: 'trigger',
  eventTypes: [],
  options: Type.Object({
    inputs: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'The names the calling card passes in.' }),
  }),
  outputs: Type.Object({}, { additionalProperties: true }),
  outputNames: (options) => [...CONTEXT, ...(options.inputs ?? [])],
})
