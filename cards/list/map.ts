import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { returnedOf, callHelper } from '../lib/flow-result.ts'
import { argsFor, checkLength, concurrency, eachLimited, HELPER_INPUTS, helperCallOf } from '../lib/helper-list.ts'
import { mapped } from '../../importer/mapping.ts'

const TO_TEXT = `name: toText
trigger: { id: start, card: control.helperFlow, options: { inputs: [item] } }
cards:
  - id: text
    card: text.compose
    inputs: { text: '{{start.item}}' }
  - id: give
    card: control.return
    inputs: { output: { text: '{{text.output}}' } }
`

export default defineCard({
  type: 'list.map',
  title: 'List - Map',
  description:
    'A new list of the same length: a helper flow runs for each item and its Return gives the value for the same ' +
    'position. A Return of one value gives that value; of several, an object of them (a list of objects). ' +
    '`concurrency` runs items at once; the order of the list is kept. A failed helper fails the card.',
  kind: 'control',
  inputs: Type.Object({ ...HELPER_INPUTS, concurrency: concurrency(10) }),
  outputs: Type.Object({ newList: Type.Array(Type.Unknown()) }),
  examples: [
    { title: "Okta's example: numbers to text", inputs: { list: [1, 2, 3, 4, 5], flow: 'toText' }, helpers: { toText: TO_TEXT }, outputs: { newList: ['1', '2', '3', '4', '5'] } },
    { title: 'an empty list gives an empty list', inputs: { list: [], flow: 'toText' }, helpers: { toText: TO_TEXT }, outputs: { newList: [] } },
  ],
  okta: { keys: ['list:map'], map: (v) => mapped(helperCallOf(v), { 'new list': 'newList' }) },
  async run(ctx, { list, flow, item, itemFields, inputs, concurrency }) {
    checkLength(list, 'Map', ctx.cardId)
    const newList = await eachLimited(list, concurrency, async (value, index) => {
      const returned = returnedOf(await callHelper(ctx, flow, argsFor({ item, itemFields, inputs }, value, index, ctx.cardId)))
      const values = Object.values(returned)
      return values.length === 1 ? values[0] : values.length === 0 ? null : returned
    })
    return { newList }
  },
})
