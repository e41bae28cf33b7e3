import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { evaluate } from '../lib/arithmetic.ts'
import { templateOf } from '../../importer/mapping.ts'

export default defineCard({
  type: 'number.formula',
  title: 'Number - Formula',
  description:
    'Evaluates arithmetic: numbers, + - * / % ^ (power) and parentheses. Fields are dropped in as ' +
    '{{references}}, e.g. `{{a.item}} * (256)^3 + {{b.item}}`. Nothing else is evaluated.',
  kind: 'function',
  inputs: Type.Object({ expression: Type.String({ minLength: 1, maxLength: 2000 }) }),
  outputs: Type.Object({ output: Type.Number() }),
  examples: [
    { title: 'evaluates an expression', inputs: { expression: '(2 + 3) * 4 ^ 2' }, outputs: { output: 80 } },
  ],
  okta: { keys: ['math:expression'], map: (v) => ({ inputs: { expression: templateOf(v) } }) },
  run(ctx, { expression }) {
    const result = evaluate(expression)
    if ('error' in result) throw new CardFailedError(`formula "${expression}": ${result.error}`, ctx.cardId)
    return { output: result.value }
  },
})
