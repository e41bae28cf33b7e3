import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { compare, OPERATORS } from '../lib/compare.ts'
import { comparison } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.ifElse',
  title: 'Branching - If/Else',
  description:
    'Compares `a` with `b` and runs the `then` cards when true, the `else` cards otherwise. ' +
    'Declared `outputs` take, for each name, the value mapped in the branch that ran.',
  kind: 'control',
  inputs: Type.Object({
    a: Type.Unknown({ description: 'value a' }),
    operator: Type.Union(OPERATORS.map((op) => Type.Literal(op)), { description: 'comparison' }),
    b: Type.Optional(Type.Unknown({ description: 'value b (not used by "is empty" / "is not empty")' })),
  }),
  outputs: Type.Object({ result: Type.Boolean() }),
  branches: ['then', 'else'],
  selectBranch: (outputs) => (outputs.result ? 'then' : 'else'),
  examples: [
    { title: 'compares numbers as numbers', inputs: { a: 80, operator: 'greater than', b: 9 }, outputs: { result: true } },
    { title: 'is empty holds for an empty list', inputs: { a: [], operator: 'is empty' }, outputs: { result: true } },
  ],
  okta: { keys: ['control:if'], map: comparison() },
  run: (_ctx, { a, operator, b }) => ({ result: compare(a, operator, b) }),
})
