import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { YES_NO_HELPER } from './filter-custom.ts'

const ODD = `name: odd
trigger: { id: start, card: control.helperFlow, options: { inputs: [item] } }
cards:
  - id: even
    card: boolean.compare
    inputs: { a: '{{start.item}}', operator: a multiple of, b: 2 }
  - id: give
    card: control.assignIf
    inputs: { a: '{{even.result}}', operator: equal, b: true, valueIfTrue: false, valueIfFalse: true }
  - id: back
    card: control.return
    inputs: { output: { odd: '{{give.output}}' } }
`
import { argsFor, checkLength, HELPER_INPUTS, helperCallOf, helperValue } from '../lib/helper-list.ts'
import { mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.findCustom',
  title: 'List - Find Custom',
  description:
    'The first item for which a helper flow returns true, and its `index` (from 0). The helper runs on one item ' +
    'after another and stops at the first match. No match: `item` is null and `index` is -1.',
  kind: 'control',
  inputs: Type.Object(HELPER_INPUTS),
  outputs: Type.Object({ item: Type.Unknown(), index: Type.Integer() }),
  examples: [
    { title: "Okta's example: the first odd number", inputs: { list: [2, 4, 12, 7, 3, 8], flow: 'test' }, helpers: { test: ODD }, outputs: { item: 7, index: 3 } },
    { title: 'no match', inputs: { list: [2, 4], flow: 'test' }, helpers: { test: YES_NO_HELPER('operator: greater than, b: 10') }, outputs: { item: null, index: -1 } },
  ],
  okta: { keys: ['list:find'], map: (v) => mapped(helperCallOf(v)) },
  async run(ctx, { list, flow, item, itemFields, inputs }) {
    checkLength(list, 'Find Custom', ctx.cardId)
    for (const [index, value] of list.entries()) {
      const verdict = await helperValue(ctx, flow, argsFor({ item, itemFields, inputs }, value, index, ctx.cardId))
      if (verdict === true || verdict === 'true') return { item: value, index }
    }
    return { item: null, index: -1 }
  },
})
