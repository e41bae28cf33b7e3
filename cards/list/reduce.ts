import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { callHelper, returnedOf } from '../control/flow-result.ts'

export default defineCard({
  type: 'list.reduce',
  title: 'List - Reduce',
  description:
    'Runs a helper flow per item with `item`, `index` and `memo` (starting at the given `memo`); each run\'s ' +
    'Return gives the next `memo` (its first value). `item` (Okta\'s name) is the final memo.',
  kind: 'control',
  inputs: Type.Object({ list: Type.Array(Type.Unknown(), { maxItems: 10_000 }), memo: Type.Optional(Type.Unknown()), flow: Type.String({ minLength: 1 }) }),
  outputs: Type.Object({ item: Type.Unknown() }),
  async run(ctx, { list, memo, flow }) {
    let acc: unknown = memo ?? null
    for (const [index, item] of list.entries()) {
      const returned = returnedOf(await callHelper(ctx, flow, { item, index, memo: acc }))
      acc = 'memo' in returned ? returned.memo : (Object.values(returned)[0] ?? null)
    }
    return { item: acc }
  },
})
