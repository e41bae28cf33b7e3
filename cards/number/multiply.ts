import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { twoOrMore, twoOrMoreInputs } from '../lib/extensible.ts'
import { finite, numbersOf } from '../lib/to-number.ts'

export default defineCard({
  type: 'number.multiply',
  title: 'Number - Multiply',
  description:
    '`a` × `b` × every number in `more` (the inputs Okta adds with "click or drop here to create"). Numeric text ' +
    'such as "3" counts as a number; anything else fails the card.',
  kind: 'function',
  inputs: twoOrMoreInputs('number 1', 'number 2', 'numbers'),
  outputs: Type.Object({ output: Type.Number() }),
  examples: [
    { title: 'multiplies two numbers', inputs: { a: 6, b: 7 }, outputs: { output: 42 } },
    { title: 'multiplies the added inputs too', inputs: { a: 2, b: '3', more: [4] }, outputs: { output: 24 } },
    { title: 'fails on null', inputs: { a: 6, b: null }, error: 'input "b": null is not a number' },
  ],
  okta: { keys: ['math:multiply'], map: twoOrMore },
  run: (ctx, inputs) => ({ output: finite(numbersOf(inputs, ctx.cardId).reduce((p, n) => p * n, 1), 'the product', ctx.cardId) }),
})
