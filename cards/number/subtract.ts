import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { aAndB } from '../lib/extensible.ts'
import { finite, toNumber } from '../lib/to-number.ts'

export default defineCard({
  type: 'number.subtract',
  title: 'Number - Subtract',
  description: '`a` − `b`: `b` taken from `a`. Numeric text such as "3" counts as a number; anything else (null, "", "abc") fails the card.',
  kind: 'function',
  inputs: Type.Object({ a: Type.Unknown({ description: 'The number to subtract from.' }), b: Type.Unknown({ description: 'The number to subtract.' }) }),
  outputs: Type.Object({ output: Type.Number() }),
  examples: [
    { title: 'takes b from a', inputs: { a: 10, b: 4 }, outputs: { output: 6 } },
    { title: 'goes below zero', inputs: { a: '2.5', b: 5 }, outputs: { output: -2.5 } },
    { title: 'fails on empty text', inputs: { a: 1, b: '' }, error: 'input "b": "" is not a number' },
  ],
  okta: { keys: ['math:subtract'], map: aAndB },
  run: (ctx, { a, b }) => ({ output: finite(toNumber(a, 'a', ctx.cardId) - toNumber(b, 'b', ctx.cardId), 'the difference', ctx.cardId) }),
})
