import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { evaluate } from '../lib/arithmetic.ts'
import { templateOf } from '../../importer/mapping.ts'

export default defineCard({
  type: 'number.formula',
  title: 'Number - Formula',
  description:
    'Evaluates a math expression: numbers, + - * / % (remainder) ^ (power) ! (factorial) and parentheses; `#` starts ' +
    'a comment; the constant `pi`; the functions abs, ceil, floor, round (optionally to decimal places), min, max, ' +
    'random, exp, log (optionally to a base), log10, pow, sqrt, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh. ' +
    'Fields are dropped in as {{references}}, e.g. `{{a.item}} * (256)^3 + {{b.item}}`. Nothing else is evaluated: ' +
    'an unknown name, a missing field or a result that is not a finite number fails the card.',
  kind: 'function',
  inputs: Type.Object({ expression: Type.String({ minLength: 1, maxLength: 2000 }) }),
  outputs: Type.Object({ output: Type.Number() }),
  examples: [
    { title: 'evaluates an expression', inputs: { expression: '(2 + 3) * 4 ^ 2' }, outputs: { output: 80 } },
    { title: 'Okta\'s examples: power, remainder, factorial, abs', inputs: { expression: '10^2 + 12%5 + 3! + abs(-10)' }, outputs: { output: 118 } },
    { title: 'ignores a # comment', inputs: { expression: 'pow(2,3) # eight' }, outputs: { output: 8 } },
    { title: 'calls functions with several arguments', inputs: { expression: 'max(1, sqrt(16), min(9, 7)) + round(2.345, 2)' }, outputs: { output: 9.35 } },
    { title: 'fails on a name it does not know', inputs: { expression: 'process.exit(1)' }, error: 'unknown name "process"' },
    { title: 'fails on division by zero', inputs: { expression: '1 / 0' }, error: 'not a finite number' },
  ],
  okta: { keys: ['math:expression'], map: (v) => ({ inputs: { expression: templateOf(v) } }) },
  run(ctx, { expression }) {
    const result = evaluate(expression)
    if ('error' in result) throw new CardFailedError(`formula "${expression}": ${result.error}`, ctx.cardId)
    return { output: result.value }
  },
})
