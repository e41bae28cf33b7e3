import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { compare, OPERATORS } from './compare.ts'

export default defineCard({
  type: 'control.assignIf',
  title: 'Assign If',
  description: 'Compares `a` with `b`; `output` is `valueIfTrue` when the comparison holds, else `valueIfFalse`.',
  kind: 'function',
  inputs: Type.Object({
    a: Type.Unknown({ description: 'value a' }),
    operator: Type.Union(OPERATORS.map((op) => Type.Literal(op))),
    b: Type.Optional(Type.Unknown()),
    valueIfTrue: Type.Unknown(),
    valueIfFalse: Type.Unknown(),
  }),
  outputs: Type.Object({ output: Type.Unknown() }),
  run: (_ctx, { a, operator, b, valueIfTrue, valueIfFalse }) => ({ output: compare(a, operator, b) ? valueIfTrue : valueIfFalse }),
})
