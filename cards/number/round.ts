import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'
import { type Rounding, roundTo } from '../lib/round.ts'
import { toNumber } from '../lib/to-number.ts'

const MODES: Rounding[] = ['nearest', 'up', 'down']

/** Okta's option labels ("Round Up", "Round Down", "Round Decimal Places") to a rounding. */
function modeOf(option: unknown): Rounding | undefined {
  const text = typeof option === 'string' ? option.toLowerCase() : ''
  if (text.includes('up') || text.includes('ceil')) return 'up'
  if (text.includes('down') || text.includes('floor')) return 'down'
  return text === '' ? undefined : 'nearest'
}

export default defineCard({
  type: 'number.round',
  title: 'Number - Round',
  description:
    'Rounds `number` to the nearest integer (10.4 gives 10, 10.5 gives 11; halves go up, so -10.5 gives -10), or ' +
    'always `up` or `down`, to `decimal places` digits after the point (Okta\'s Round Up, Round Down and Round ' +
    'Decimal Places). Decimal places are counted on the number as written: 1.005 to 2 places is 1.01. `output` is ' +
    'Okta\'s "rounded". Numeric text counts as a number; anything else fails the card.',
  kind: 'function',
  inputs: Type.Object({
    number: Type.Unknown({ description: 'The number to round.' }),
    round: Type.Optional(Type.Union(MODES.map((m) => Type.Literal(m)), { default: 'nearest', description: 'nearest, up (ceiling) or down (floor).' })),
    'decimal places': Type.Optional(Type.Integer({ minimum: 0, maximum: 15, default: 0 })),
  }),
  outputs: Type.Object({ output: Type.Number() }),
  examples: [
    { title: 'Okta\'s example: 10.4 rounds to 10', inputs: { number: 10.4 }, outputs: { output: 10 } },
    { title: 'Okta\'s example: 10.5 rounds to 11', inputs: { number: 10.5 }, outputs: { output: 11 } },
    { title: 'rounds up', inputs: { number: '10.01', round: 'up' }, outputs: { output: 11 } },
    { title: 'rounds down below zero', inputs: { number: -10.01, round: 'down' }, outputs: { output: -11 } },
    { title: 'rounds to decimal places as written', inputs: { number: 1.005, 'decimal places': 2 }, outputs: { output: 1.01 } },
    { title: 'fails on text that is not a number', inputs: { number: 'n/a' }, error: 'input "number": "n/a" is not a number' },
  ],
  okta: {
    keys: ['math:round'],
    map: (v) =>
      mapped(
        {
          number: inputOf(v, ['number', 'a', 'value'], 0) ?? null,
          round: modeOf(inputOf(v, ['option', 'mode', 'type', 'rounding'])),
          'decimal places': inputOf(v, ['decimal places', 'places', 'decimals', 'precision', 'digits']),
        },
        { rounded: 'output' },
      ),
  },
  run: (ctx, inputs) => ({ output: roundTo(toNumber(inputs.number, 'number', ctx.cardId), inputs['decimal places'] ?? 0, inputs.round ?? 'nearest') }),
})
