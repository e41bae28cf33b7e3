import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { named, nonEmpty } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.pause',
  title: 'Pause',
  description:
    'Pauses the flow: the caller of an API Endpoint flow gets `values` now, and the flow goes on when a resume ' +
    'request comes, its body giving the outputs named in `resumeFields`. `flow test` records the pause and goes ' +
    'on with those outputs null; a run started to suspend ends `waiting` (with no due time) until resumed.',
  kind: 'control',
  inputs: Type.Object({
    values: Type.Record(Type.String(), Type.Unknown(), { default: {}, description: 'Values passed to the caller when the flow pauses.' }),
    resumeFields: Type.Array(Type.String({ minLength: 1 }), { default: [], description: 'Names of the values the resume request sends.' }),
  }),
  outputs: Type.Object({}, { additionalProperties: true }),
  outputNames: (inputs) => (Array.isArray(inputs.resumeFields) ? inputs.resumeFields.filter((f): f is string => typeof f === 'string') : undefined),
  examples: [
    { title: 'in a test run, goes on with the resume values null', inputs: { values: { status: 'pending approval' }, resumeFields: ['approved'] }, outputs: { approved: null } },
  ],
  okta: { keys: ['control:pause'], map: (v) => ({ inputs: { values: named(v), ...(nonEmpty(v.outputKeys()) && { resumeFields: v.outputKeys() }) } }) },
  run(ctx, { values, resumeFields }) {
    const sent = ctx.pause({ kind: 'values', values })
    // the resume request sends the values as JSON key-value pairs in its body (Okta's Pause)
    const body = sent.body !== null && typeof sent.body === 'object' && !Array.isArray(sent.body) ? (sent.body as Record<string, unknown>) : {}
    return Object.fromEntries(resumeFields.map((f) => [f, Object.hasOwn(body, f) ? (body[f] ?? null) : null]))
  },
})
