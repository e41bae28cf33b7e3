import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { argsFor, checkLength, concurrency, eachLimited, HELPER_INPUTS, helperCallOf, helperValue } from '../lib/helper-list.ts'
import { sortKeyed } from './sort.ts'
import { mapped } from '../../importer/mapping.ts'

const LENGTH = `name: length
trigger: { id: start, card: control.helperFlow, options: { inputs: [item] } }
cards:
  - id: give
    card: control.return
    inputs: { output: { n: '{{start.item.length}}' } }
`

export default defineCard({
  type: 'list.sortCustom',
  title: 'List - Sort Custom',
  description:
    'Sorts a list by a value a helper flow gives for each item (its Return\'s first value), smallest first: ' +
    'numbers as numbers, text as text; items with the same value keep their order.',
  kind: 'control',
  inputs: Type.Object({ ...HELPER_INPUTS, concurrency: concurrency(1) }),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    {
      title: 'sorts by the value the helper gives (Okta sorts words by their length this way)',
      inputs: { list: [{ word: 'this', length: 4 }, { word: 'is', length: 2 }, { word: 'a', length: 1 }, { word: 'sample', length: 6 }], flow: 'length' },
      helpers: { length: LENGTH },
      outputs: { list: [{ word: 'a', length: 1 }, { word: 'is', length: 2 }, { word: 'this', length: 4 }, { word: 'sample', length: 6 }] },
    },
  ],
  okta: { keys: ['list:sort'], map: (v) => mapped(helperCallOf(v)) },
  async run(ctx, { list, flow, item, itemFields, inputs, concurrency }) {
    checkLength(list, 'Sort Custom', ctx.cardId)
    const keys = await eachLimited(list, concurrency, (value, index) => helperValue(ctx, flow, argsFor({ item, itemFields, inputs }, value, index, ctx.cardId)))
    return { list: sortKeyed(list, keys) }
  },
})
