import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { compare, OPERATORS } from './compare.ts'

export default defineCard({
  type: 'control.continueIf',
  title: 'Continue If',
  description:
    'Lets the flow go on when the comparison is true. When false the flow stops normally ' +
    '(status `stopped`, not an error) and `message` is shown in history.',
  kind: 'control',
  inputs: Type.Object({
    a: Type.Unknown({ description: 'value a' }),
    operator: Type.Union(OPERATORS.map((op) => Type.Literal(op))),
    b: Type.Optional(Type.Unknown()),
    message: Type.String({ default: 'Continue If condition was false' }),
  }),
  outputs: Type.Object({}),
  run(ctx, { a, operator, b, message }) {
    if (!compare(a, operator, b)) ctx.stop(message)
    return {}
  },
})
