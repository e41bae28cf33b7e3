import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { twoOrMore, twoOrMoreInputs } from '../lib/extensible.ts'
import { finite, numbersOf } from '../lib/to-number.ts'

export default defineCard({
  type: 'number.add',
  title: 'Number - Add',
  description:
    '`a` + `b` + every number in `more` (the inputs Okta adds with "click or drop here to create"); `output` is ' +
    'Okta\'s "total". Numeric text such as "3" counts as a number; anything else (null, "", "abc") fails the card.',
  kind: 'function',
  inputs: twoOrMoreInputs('number 1', 'number 2', 'numbers'),
  outputs: Type.Object({ output: Type.Number() }),
  examples: [
    { title: 'adds numbers, reading text as a number', inputs: { a: 2, b: '3.5' }, outputs: { output: 5.5 } },
    { title: 'adds the added inputs too', inputs: { a: 1, b: 2, more: [3, 4] }, outputs: { output: 10 } },
    { title: 'fails on a value that is not a number', inputs: { a: 1, b: 'ten' }, error: 'input "b": "ten" is not a number' },
  ],
  okta: { keys: ['math:add'], map: twoOrMore },
  run: (ctx, inputs) => ({ output: finite(numbersOf(inputs, ctx.cardId).reduce((s, n) => s + n, 0), 'the total', ctx.cardId) }),
})
