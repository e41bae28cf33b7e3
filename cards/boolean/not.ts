import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'
import { truthy } from '../lib/truthy.ts'

export default defineCard({
  type: 'boolean.not',
  title: 'True/False - Not',
  description:
    '`output` (Okta\'s "result") is the opposite of `value`: false for true, true for false. true, "true" and "yes" ' +
    'count as true; anything else, null included, as false, so Not of null is true.',
  kind: 'function',
  inputs: Type.Object({ value: Type.Unknown({ description: 'A true/false value.' }) }),
  outputs: Type.Object({ output: Type.Boolean() }),
  examples: [
    { title: 'flips true', inputs: { value: true }, outputs: { output: false } },
    { title: 'flips false', inputs: { value: false }, outputs: { output: true } },
    { title: 'reads loose text', inputs: { value: 'Yes' }, outputs: { output: false } },
    { title: 'takes null as false', inputs: { value: null }, outputs: { output: true } },
  ],
  okta: {
    keys: ['boolean:not'],
    map: (v) => mapped({ value: inputOf(v, ['a', 'value', 'input', 'boolean'], 0) ?? null }, { result: 'output' }),
  },
  run: (_ctx, { value }) => ({ output: !truthy(value) }),
})
