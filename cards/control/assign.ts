import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { named } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.assign',
  title: 'Assign',
  description: 'Gives names to values: each entry of `values` becomes an output of that name (Okta\'s Assign, also called Let).',
  kind: 'function',
  inputs: Type.Object({ values: Type.Record(Type.String(), Type.Unknown()) }),
  outputs: Type.Object({}, { additionalProperties: true }),
  outputNames: (inputs) => (inputs.values && typeof inputs.values === 'object' ? Object.keys(inputs.values) : undefined),
  examples: [
    { title: 'names values for later cards', inputs: { values: { department: 'Sales', count: 3 } }, outputs: { department: 'Sales', count: 3 } },
  ],
  okta: { keys: ['control:let'], map: (v) => ({ inputs: { values: named(v) } }) },
  run: (_ctx, { values }) => ({ ...values }),
})
