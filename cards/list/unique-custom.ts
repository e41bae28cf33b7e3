import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { argsFor, checkLength, concurrency, eachLimited, HELPER_INPUTS, helperCallOf, helperValue } from '../lib/helper-list.ts'
import { firstOfEach, valueKey } from './union.ts'
import { mapped } from '../../importer/mapping.ts'

const LOWER = `name: lower
trigger: { id: start, card: control.helperFlow, options: { inputs: [item] } }
cards:
  - id: low
    card: text.lowerCase
    inputs: { string: '{{start.item}}' }
  - id: give
    card: control.return
    inputs: { output: { key: '{{low.output}}' } }
`

export default defineCard({
  type: 'list.uniqueCustom',
  title: 'List - Unique Custom',
  description:
    'Removes items that are not unique by a value a helper flow gives for each item (its Return\'s first value): ' +
    'the first item with each value is kept, in the order of the list.',
  kind: 'control',
  inputs: Type.Object({ ...HELPER_INPUTS, concurrency: concurrency(1) }),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'one item per value the helper gives', inputs: { list: ['Ann', 'ann', 'Bob', 'ANN'], flow: 'lower' }, helpers: { lower: LOWER }, outputs: { list: ['Ann', 'Bob'] } },
  ],
  okta: { keys: ['list:unique'], map: (v) => mapped(helperCallOf(v)) },
  async run(ctx, { list, flow, item, itemFields, inputs, concurrency }) {
    checkLength(list, 'Unique Custom', ctx.cardId)
    const keys = await eachLimited(list, concurrency, (value, index) => helperValue(ctx, flow, argsFor({ item, itemFields, inputs }, value, index, ctx.cardId)))
    return { list: firstOfEach(list, (_, i) => valueKey(keys[i])) }
  },
})
