import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { aAndB } from '../lib/extensible.ts'
import { finite, toNumber } from '../lib/to-number.ts'

export default defineCard({
  type: 'number.divide',
  title: 'Number - Divide',
  description:
    '`a` ÷ `b`, as a decimal (7 ÷ 2 is 3.5). Numeric text counts as a number; anything else fails the card, and so ' +
    'does dividing by zero (there is no number to give).',
  kind: 'function',
  inputs: Type.Object({ a: Type.Unknown({ description: 'The number to divide.' }), b: Type.Unknown({ description: 'The number to divide by.' }) }),
  outputs: Type.Object({ output: Type.Number() }),
  examples: [
    { title: 'divides to a decimal', inputs: { a: 7, b: 2 }, outputs: { output: 3.5 } },
    { title: 'reads numeric text', inputs: { a: '-9', b: '3' }, outputs: { output: -3 } },
    { title: 'fails on division by zero', inputs: { a: 1, b: 0 }, error: 'cannot divide by zero' },
  ],
  okta: { keys: ['math:divide'], map: aAndB },
  run(ctx, { a, b }) {
    const [x, y] = [toNumber(a, 'a', ctx.cardId), toNumber(b, 'b', ctx.cardId)]
    if (y === 0) throw new CardFailedError('cannot divide by zero', ctx.cardId)
    return { output: finite(x / y, 'the quotient', ctx.cardId) }
  },
})
