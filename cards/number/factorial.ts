import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'
import { factorial, MAX_FACTORIAL } from '../lib/arithmetic.ts'
import { toNumber } from '../lib/to-number.ts'

export default defineCard({
  type: 'number.factorial',
  title: 'Number - Factorial',
  description:
    '`number`! : 1 × 2 × … × `number` (0! is 1). `number` must be a whole number from 0 to 170 (171! is too large ' +
    'for a number); anything else fails the card. Numeric text counts as a number.',
  kind: 'function',
  inputs: Type.Object({ number: Type.Unknown({ description: 'A whole number from 0 to 170.' }) }),
  outputs: Type.Object({ output: Type.Number() }),
  examples: [
    { title: 'multiplies 1 to n', inputs: { number: 5 }, outputs: { output: 120 } },
    { title: '0! is 1', inputs: { number: '0' }, outputs: { output: 1 } },
    { title: 'fails below zero', inputs: { number: -1 }, error: 'factorial needs a whole number from 0 to 170, not -1' },
    { title: 'fails past 170', inputs: { number: 171 }, error: 'factorial needs a whole number from 0 to 170, not 171' },
  ],
  okta: { keys: ['math:factorial'], map: (v) => mapped({ number: inputOf(v, ['number', 'a', 'value'], 0) ?? null }) },
  run(ctx, inputs) {
    const n = toNumber(inputs.number, 'number', ctx.cardId)
    const output = factorial(n)
    if (output === undefined) throw new CardFailedError(`factorial needs a whole number from 0 to ${MAX_FACTORIAL}, not ${n}`, ctx.cardId)
    return { output }
  },
})
