import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { argsFor, checkLength, concurrency, eachLimited, HELPER_INPUTS, helperCallOf, helperValue } from '../lib/helper-list.ts'
import { mapped } from '../../importer/mapping.ts'

export const YES_NO_HELPER = (test: string) => `name: test
trigger: { id: start, card: control.helperFlow, options: { inputs: [item] } }
cards:
  - id: test
    card: boolean.compare
    inputs: { a: '{{start.item}}', ${test} }
  - id: give
    card: control.return
    inputs: { output: { keep: '{{test.result}}' } }
`

export default defineCard({
  type: 'list.filterCustom',
  title: 'List - Filter Custom',
  description:
    'Keeps the items for which a helper flow returns true, in order. The helper gets each item (see `item`, ' +
    '`itemFields`), its `index` and `inputs`; the first value of its Return decides (true or "true").',
  kind: 'control',
  inputs: Type.Object({ ...HELPER_INPUTS, concurrency: concurrency(1) }),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'keeps items the helper says yes to', inputs: { list: [1, 5, 10], flow: 'test' }, helpers: { test: YES_NO_HELPER('operator: greater than, b: 4') }, outputs: { list: [5, 10] } },
    { title: 'an empty list gives an empty list', inputs: { list: [], flow: 'test' }, helpers: { test: YES_NO_HELPER('operator: greater than, b: 4') }, outputs: { list: [] } },
  ],
  okta: { keys: ['list:filter'], map: (v) => mapped(helperCallOf(v)) },
  async run(ctx, { list, flow, item, itemFields, inputs, concurrency }) {
    checkLength(list, 'Filter Custom', ctx.cardId)
    const verdicts = await eachLimited(list, concurrency, (value, index) => helperValue(ctx, flow, argsFor({ item, itemFields, inputs }, value, index, ctx.cardId)))
    return { list: list.filter((_, i) => verdicts[i] === true || verdicts[i] === 'true') }
  },
})
