import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'

/** Okta's loose booleans: true, "true" and "yes" are true. */
const truthy = (v: unknown) => v === true || (typeof v === 'string' && ['true', 'yes'].includes(v.toLowerCase()))

export default defineCard({
  type: 'boolean.and',
  title: 'True/False - And',
  description: 'True when both `a` and `b` are true.',
  kind: 'function',
  inputs: Type.Object({ a: Type.Unknown(), b: Type.Unknown() }),
  outputs: Type.Object({ output: Type.Boolean() }),
  run: (_ctx, { a, b }) => ({ output: truthy(a) && truthy(b) }),
})
