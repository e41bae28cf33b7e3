import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'
import { toNumber } from '../lib/to-number.ts'

export default defineCard({
  type: 'number.remainder',
  title: 'Number - Remainder',
  description:
    'What is left after dividing `number` by `divided by`: 13 and 5 give 3. The remainder takes the sign of `number` ' +
    '(-13 and 5 give -3), as the `%` of Formula does. Numeric text counts as a number; anything else fails the card, ' +
    'and so does dividing by zero.',
  kind: 'function',
  inputs: Type.Object({ number: Type.Unknown({ description: 'The number to divide.' }), 'divided by': Type.Unknown({ description: 'The number to divide by.' }) }),
  outputs: Type.Object({ output: Type.Number({ description: 'Okta\'s "remainder".' }) }),
  examples: [
    { title: 'Okta\'s example: 13 divided by 5 leaves 3', inputs: { number: 13, 'divided by': 5 }, outputs: { output: 3 } },
    { title: 'Okta\'s example: 31 divided by 10 leaves 1', inputs: { number: 31, 'divided by': 10 }, outputs: { output: 1 } },
    { title: 'keeps the sign of the number', inputs: { number: -13, 'divided by': 5 }, outputs: { output: -3 } },
    { title: 'fails on division by zero', inputs: { number: 13, 'divided by': 0 }, error: 'cannot divide by zero' },
  ],
  okta: {
    keys: ['math:mod', 'math:remainder'],
    map: (v) => mapped({ number: inputOf(v, ['number', 'a'], 0) ?? null, 'divided by': inputOf(v, ['divided by', 'Divided by', 'divisor', 'b'], 1) ?? null }, { remainder: 'output' }),
  },
  run(ctx, inputs) {
    const x = toNumber(inputs.number, 'number', ctx.cardId)
    const y = toNumber(inputs['divided by'], 'divided by', ctx.cardId)
    if (y === 0) throw new CardFailedError('cannot divide by zero', ctx.cardId)
    return { output: x % y || 0 }
  },
})
