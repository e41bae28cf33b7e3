import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { callHelper, returnedOf } from '../lib/flow-result.ts'
import { helperInputs, mapped, nonEmpty } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.filterCustom',
  title: 'List - Filter Custom',
  description:
    'Keeps the items for which a helper flow returns true. The helper gets `item`, `index` and `inputs`; ' +
    'its Return\'s first value decides.',
  kind: 'control',
  inputs: Type.Object({
    list: Type.Array(Type.Unknown(), { maxItems: 10_000 }),
    flow: Type.String({ minLength: 1 }),
    inputs: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
  }),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'keeps items the helper says yes to', inputs: { list: [1, 5, 10], flow: 'big' }, helpers: { big: `name: big
trigger: { id: start, card: control.helperFlow, options: { inputs: [item] } }
cards:
  - id: test
    card: boolean.compare
    inputs: { a: '{{start.item}}', operator: greater than, b: 4 }
  - id: give
    card: control.return
    inputs: { output: '{{test.result}}' }
` }, outputs: { list: [5, 10] } },
  ],
  okta: { keys: ['list:filter'], map: (v) => mapped({ list: v.input('list'), flow: v.helperFlow('flo'), inputs: nonEmpty(helperInputs(v, ['list'])) }) },
  async run(ctx, { list, flow, inputs }) {
    const kept: unknown[] = []
    for (const [index, item] of list.entries()) {
      const returned = returnedOf(await callHelper(ctx, flow, { ...inputs, item, index }))
      const verdict = Object.values(returned)[0]
      if (verdict === true || verdict === 'true') kept.push(item)
    }
    return { list: kept }
  },
})
