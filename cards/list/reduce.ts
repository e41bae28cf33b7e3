import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { callHelper, returnedOf } from '../lib/flow-result.ts'
import { mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.reduce',
  title: 'List - Reduce',
  description:
    'Runs a helper flow per item with `item`, `index` and `memo` (starting at the given `memo`); each run\'s ' +
    'Return gives the next `memo` (its first value). `item` (Okta\'s name) is the final memo.',
  kind: 'control',
  inputs: Type.Object({ list: Type.Array(Type.Unknown(), { maxItems: 10_000 }), memo: Type.Optional(Type.Unknown()), flow: Type.String({ minLength: 1 }) }),
  outputs: Type.Object({ item: Type.Unknown() }),
  examples: [
    { title: 'folds a list with a helper', inputs: { list: [1, 2, 3], memo: 0, flow: 'sum' }, helpers: { sum: `name: sum
trigger: { id: start, card: control.helperFlow, options: { inputs: [item, memo] } }
cards:
  - id: add
    card: number.add
    inputs: { a: '{{start.memo}}', b: '{{start.item}}' }
  - id: give
    card: control.return
    inputs: { output: '{{add.output}}' }
` }, outputs: { item: 6 } },
  ],
  okta: { keys: ['list:reduce'], map: (v) => mapped({ list: v.input('list'), memo: v.fields().find((f) => f.key === 'memo')?.value, flow: v.helperFlow('flo') }) },
  async run(ctx, { list, memo, flow }) {
    let acc: unknown = memo ?? null
    for (const [index, item] of list.entries()) {
      const returned = returnedOf(await callHelper(ctx, flow, { item, index, memo: acc }))
      acc = 'memo' in returned ? returned.memo : (Object.values(returned)[0] ?? null)
    }
    return { item: acc }
  },
})
