import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { sameKeys } from '../../importer/mapping.ts'

/** Okta's loose booleans: true, "true" and "yes" are true. */
const truthy = (v: unknown) => v === true || (typeof v === 'string' && ['true', 'yes'].includes(v.toLowerCase()))

export default defineCard({
  type: 'boolean.and',
  title: 'True/False - And',
  description: 'True when both `a` and `b` are true.',
  kind: 'function',
  inputs: Type.Object({ a: Type.Unknown(), b: Type.Unknown() }),
  outputs: Type.Object({ output: Type.Boolean() }),
  examples: [
    { title: 'is true only when both are', inputs: { a: true, b: false }, outputs: { output: false } },
  ],
  okta: { keys: ['boolean:and'], map: sameKeys(['a', 'b']) },
  run: (_ctx, { a, b }) => ({ output: truthy(a) && truthy(b) }),
})
