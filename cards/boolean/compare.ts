import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { compare, OPERATORS } from '../lib/compare.ts'
import { comparison } from '../../importer/mapping.ts'

export default defineCard({
  type: 'boolean.compare',
  title: 'True/False - Compare',
  description: '`result` is whether `a` compares to `b` with `operator` (numbers as numbers, text as text).',
  kind: 'function',
  inputs: Type.Object({ a: Type.Unknown(), operator: Type.Union(OPERATORS.map((op) => Type.Literal(op))), b: Type.Optional(Type.Unknown()) }),
  outputs: Type.Object({ result: Type.Boolean() }),
  examples: [
    { title: 'compares text', inputs: { a: 'ACTIVE', operator: 'not equal', b: 'SUSPENDED' }, outputs: { result: true } },
  ],
  okta: { keys: ['boolean:compare'], map: comparison() },
  run: (_ctx, { a, operator, b }) => ({ result: compare(a, operator, b) }),
})
