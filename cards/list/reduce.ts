import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { callHelper, returnedOf } from '../lib/flow-result.ts'
import { argsFor, checkLength, HELPER_INPUTS, helperCallOf } from '../lib/helper-list.ts'
import { mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.reduce',
  title: 'List - Reduce',
  description:
    'Runs a helper flow per item with `item`, `index` and `memo` (starting at the given `memo`); each run\'s ' +
    'Return gives the next `memo` (its value named memo, else its first). `item` (Okta\'s name) is the final ' +
    'memo; an empty list gives the starting memo. Items go to the helper as `item` (or `itemFields`), one after another.',
  kind: 'control',
  inputs: Type.Object({ ...HELPER_INPUTS, memo: Type.Optional(Type.Unknown()) }),
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
  okta: { keys: ['list:reduce'], map: (v) => mapped({ ...helperCallOf(v), memo: v.fields().find((f) => f.key === 'memo')?.value }) },
  async run(ctx, { list, memo, flow, item, itemFields, inputs }) {
    checkLength(list, 'Reduce', ctx.cardId)
    let acc: unknown = memo ?? null
    for (const [index, value] of list.entries()) {
      const returned = returnedOf(await callHelper(ctx, flow, { ...argsFor({ item, itemFields, inputs }, value, index, ctx.cardId), memo: acc }))
      acc = 'memo' in returned ? returned.memo : (Object.values(returned)[0] ?? null)
    }
    return { item: acc }
  },
})
