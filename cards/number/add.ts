import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { toNumber } from '../lib/to-number.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'number.add',
  title: 'Number - Add',
  description: '`a` + `b`. Numeric text such as "3" counts as a number.',
  kind: 'function',
  inputs: Type.Object({ a: Type.Unknown(), b: Type.Unknown() }),
  outputs: Type.Object({ output: Type.Number() }),
  examples: [
    { title: 'adds numbers, reading text as a number', inputs: { a: 2, b: '3.5' }, outputs: { output: 5.5 } },
  ],
  okta: { keys: ['math:add'], map: sameKeys(['a', 'b']) },
  run: (ctx, { a, b }) => ({ output: toNumber(a, 'a', ctx.cardId) + toNumber(b, 'b', ctx.cardId) }),
})
