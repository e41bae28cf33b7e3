import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { strictEqual } from '../lib/compare.ts'

export default defineCard({
  type: 'control.lookup',
  title: 'Lookup',
  description:
    'Converts a value through a lookup table: `result` is the `then` of the first row whose `when` is exactly ' +
    '`value` (text compares case and all), else `otherwise` (null when not given).',
  kind: 'function',
  inputs: Type.Object({
    value: Type.Unknown({ description: 'The value to look up.' }),
    table: Type.Array(Type.Object({ when: Type.Unknown({ description: 'When Value Is' }), then: Type.Unknown({ description: 'Then Result Is' }) }), {
      default: [],
      maxItems: 10_000,
      description: 'Rows of the lookup table.',
    }),
    otherwise: Type.Optional(Type.Unknown({ description: 'Otherwise Result Is: the result when no row matches.' })),
  }),
  outputs: Type.Object({ result: Type.Unknown() }),
  examples: [
    { title: 'a department to a contact email', inputs: { value: 'Sales', table: [{ when: 'IT', then: 'it@example.com' }, { when: 'Sales', then: 'sales@example.com' }], otherwise: 'help@example.com' }, outputs: { result: 'sales@example.com' } },
    { title: 'no exact match takes otherwise', inputs: { value: 'sales', table: [{ when: 'Sales', then: 'sales@example.com' }], otherwise: 'help@example.com' }, outputs: { result: 'help@example.com' } },
    { title: 'no match and no otherwise', inputs: { value: 404, table: [{ when: '404', then: 'missing' }] }, outputs: { result: null } },
  ],
  run: (_ctx, { value, table, otherwise }) => ({ result: table.find((row) => strictEqual(row.when, value))?.then ?? otherwise ?? null }),
})
