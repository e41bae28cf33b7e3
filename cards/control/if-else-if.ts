import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import type { ExportedCard, ExportedField, MappedCard } from '../../engine/export-mapping.ts'
import { compare, OPERATORS, type Operator } from '../lib/compare.ts'
import { callHelper, declaredReturns, returnedOf } from '../lib/flow-result.ts'
import { defined, nonEmpty, operatorOf } from '../../importer/mapping.ts'

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
  examples: [
    { title: 'runs the first branch whose condition holds', inputs: { cases: [{ a: 5, operator: 'greater than', b: 10, flow: 'big' }, { a: 5, operator: 'greater than', b: 1, flow: 'small' }], returns: ['size'] }, helpers: { big: `name: big
trigger: { id: start, card: control.helperFlow }
cards:
  - id: give
    card: control.return
    inputs: { output: { size: big } }
`, small: `name: small
trigger: { id: start, card: control.helperFlow }
cards:
  - id: give
    card: control.return
    inputs: { output: { size: small } }
` }, outputs: { size: 'small', branch: 2 } },
  ],
  okta: { keys: ['control:branch'], map: fromExport },
  async run(ctx, { cases, otherwise, returns }) {
    const index = cases.findIndex((c) => compare(c.a, c.operator as Operator, c.b))
    const chosen = index >= 0 ? cases[index] : otherwise
    const empty = Object.fromEntries(returns.map((name) => [name, null]))
    if (!chosen) return { ...empty, branch: -1 }
    const run = await callHelper(ctx, chosen.flow, chosen.inputs)
    return { ...empty, ...returnedOf(run), branch: index + 1 }
  },
})

/**
 * An exported If/ElseIf: each condition is a field group (the first is "if") with its own helper
 * flow and `inputs`; "else" has only a flow; "context" holds values the inline helpers captured
 * from the calling flow, which every branch's helper receives.
 */
function fromExport(v: ExportedCard): MappedCard {
  const groups = new Map<string, ExportedField[]>()
  for (const f of v.fields()) if (f.group) groups.set(f.group, [...(groups.get(f.group) ?? []), f])
  const context = Object.fromEntries((groups.get('context') ?? []).map((f) => [f.key, f.value ?? null]))
  const branch = (fields: ExportedField[]) => {
    const flo = fields.find((f) => f.key === 'flo')
    const extra = fields.find((f) => f.key === 'inputs')?.value
    const inputs = { ...context, ...(extra && typeof extra === 'object' && !Array.isArray(extra) ? extra : {}) }
    return defined({ flow: flo ? v.helperFlow(flo.id) : undefined, inputs: nonEmpty(inputs) })
  }
  const cases = [...groups.entries()]
    .filter(([group]) => group !== 'else' && group !== 'context')
    .map(([, fields]) => {
      const value = (key: string) => fields.find((f) => f.key === key)?.value
      return defined({ a: value('left-operand') ?? null, operator: operatorOf(value('operator')), b: value('right-operand'), ...branch(fields) })
    })
  const otherwise = groups.get('else')
  return { inputs: defined({ cases, otherwise: otherwise ? branch(otherwise) : undefined, returns: nonEmpty(v.outputKeys()) }) }
}
