import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { toNumber } from '../lib/to-number.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'number.multiply',
  title: 'Number - Multiply',
  description: '`a` × `b`. Numeric text such as "3" counts as a number.',
  kind: 'function',
  inputs: Type.Object({ a: Type.Unknown(), b: Type.Unknown() }),
  outputs: Type.Object({ output: Type.Number() }),
  examples: [
    { title: 'multiplies two numbers', inputs: { a: 6, b: 7 }, outputs: { output: 42 } },
  ],
  okta: { keys: ['math:multiply'], map: sameKeys(['a', 'b']) },
  run: (ctx, { a, b }) => ({ output: toNumber(a, 'a', ctx.cardId) * toNumber(b, 'b', ctx.cardId) }),
})
