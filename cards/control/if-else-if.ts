import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { compare, OPERATORS, type Operator } from './compare.ts'
import { callHelper, declaredReturns, returnedOf } from './flow-result.ts'

const Branch = Type.Object({
  flow: Type.String({ minLength: 1, description: 'The helper flow this branch runs.' }),
  inputs: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
})

export default defineCard({
  type: 'control.ifElseIf',
  title: 'Branching - If/ElseIf',
  description:
    'Tries each of `cases` in order (value `a`, `operator`, value `b`) and runs the helper flow of the ' +
    'first that holds, else the `otherwise` flow when given. Its outputs are the values the helper that ran ' +
    'returns, named in `returns`; `branch` tells which case ran (its position from 1, 0 for otherwise, -1 for none).',
  kind: 'control',
  inputs: Type.Object({
    cases: Type.Array(
      Type.Composite([
        Type.Object({
          a: Type.Unknown(),
          operator: Type.Union(OPERATORS.map((op) => Type.Literal(op))),
          b: Type.Optional(Type.Unknown()),
        }),
        Branch,
      ]),
      { minItems: 1 },
    ),
    otherwise: Type.Optional(Branch),
    returns: Type.Array(Type.String(), { default: [], description: 'Names of the values the helpers return.' }),
  }),
  outputs: Type.Object({ branch: Type.Integer() }, { additionalProperties: true }),
  outputNames: (inputs) => ['branch', ...(declaredReturns(inputs) ?? [])],
  async run(ctx, { cases, otherwise, returns }) {
    const index = cases.findIndex((c) => compare(c.a, c.operator as Operator, c.b))
    const chosen = index >= 0 ? cases[index] : otherwise
    const empty = Object.fromEntries(returns.map((name) => [name, null]))
    if (!chosen) return { ...empty, branch: -1 }
    const run = await callHelper(ctx, chosen.flow, chosen.inputs)
    return { ...empty, ...returnedOf(run), branch: index + 1 }
  },
})
