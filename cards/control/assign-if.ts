import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { compare, OPERATORS } from '../lib/compare.ts'
import { comparison } from '../../importer/mapping.ts'

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
  examples: [
    { title: 'picks the value for true', inputs: { a: 80, operator: 'greater than', b: 9, valueIfTrue: 'big', valueIfFalse: 'small' }, outputs: { output: 'big' } },
    { title: 'compares text as text', inputs: { a: '80', operator: 'greater than', b: '9', valueIfTrue: 'big', valueIfFalse: 'small' }, outputs: { output: 'small' } },
  ],
  okta: { keys: ['control:assignIf'], map: comparison(['valueIfTrue', 'valueIfFalse']) },
  run: (_ctx, { a, operator, b, valueIfTrue, valueIfFalse }) => ({ output: compare(a, operator, b) ? valueIfTrue : valueIfFalse }),
})
