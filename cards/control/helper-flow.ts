import { Type } from '@sinclair/typebox'
import { defineTrigger } from '../../engine/card.ts'

/** The `index`, `parent` and `error` context Okta gives every helper flow, besides its own inputs. */
const CONTEXT = ['index', 'parent', 'error']

/** Okta's own context outputs of an exported Helper Flow card; the others are the inputs its callers pass. */
const EXPORT_CONTEXT = new Set([...CONTEXT, 'execution_id'])

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
  okta: {
    keys: ['control:callable'],
    // the exported start card's outputs are the helper's inputs, besides Okta's own context
    options: (v) => ({ inputs: v.outputKeys().filter((k) => !EXPORT_CONTEXT.has(k)) }),
  },
})
