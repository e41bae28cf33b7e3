import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { toNumber } from './to-number.ts'

export default defineCard({
  type: 'number.add',
  title: 'Number - Add',
  description: '`a` + `b`. Numeric text such as "3" counts as a number.',
  kind: 'function',
  inputs: Type.Object({ a: Type.Unknown(), b: Type.Unknown() }),
  outputs: Type.Object({ output: Type.Number() }),
  run: (ctx, { a, b }) => ({ output: toNumber(a, 'a', ctx.cardId) + toNumber(b, 'b', ctx.cardId) }),
})
