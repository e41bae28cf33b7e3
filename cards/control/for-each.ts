import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { callHelper } from '../lib/flow-result.ts'
import { argsFor, checkLength, concurrency, eachLimited, HELPER_INPUTS, helperCallOf } from '../lib/helper-list.ts'
import { mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.forEach',
  title: 'For Each',
  description:
    'Runs a helper flow once per item of `list`. The item goes to the helper input named by `item` (fields of ' +
    'it to `itemFields`), its position to `index`; `inputs` go to every run. `concurrency` runs that many at ' +
    'once (1, the default, runs them in order). A failed run stops the card, unless `ignoreErrors` (For Each - ' +
    'Ignore Errors) is set, which goes on with the other items and counts the failures.',
  kind: 'control',
  inputs: Type.Object({ ...HELPER_INPUTS, concurrency: concurrency(1), ignoreErrors: Type.Boolean({ default: false }) }),
  outputs: Type.Object({ runs: Type.Number(), failed: Type.Number() }),
  examples: [
    { title: 'runs a helper once per item', inputs: { list: ['a', 'b'], flow: 'each', item: 'value' }, helpers: { each: `name: each
trigger: { id: start, card: control.helperFlow, options: { inputs: [value] } }
cards:
  - id: up
    card: text.lowerCase
    inputs: { string: '{{start.value}}' }
` }, outputs: { runs: 2, failed: 0 } },
    { title: 'an empty list runs nothing', inputs: { list: [], flow: 'missing' }, outputs: { runs: 0, failed: 0 } },
  ],
  okta: {
    keys: ['list:each', 'list:asyncEach'],
    map: (v) => mapped({ ...helperCallOf(v), ignoreErrors: v.kind === 'list:asyncEach' || undefined }),
  },
  async run(ctx, { list, flow, item, itemFields, inputs, concurrency, ignoreErrors }) {
    checkLength(list, 'For Each', ctx.cardId)
    let failed = 0
    await eachLimited(list, concurrency, async (value, index) => {
      const args = argsFor({ item, itemFields, inputs }, value, index, ctx.cardId)
      if (!ignoreErrors) return void (await callHelper(ctx, flow, args))
      try {
        await callHelper(ctx, flow, args)
      } catch (err) {
        failed++
        ctx.log.warn({ index, err: (err as Error).message }, 'For Each item failed; going on')
      }
    })
    return { runs: list.length, failed }
  },
})
