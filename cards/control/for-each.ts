import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { callHelper } from '../lib/flow-result.ts'
import { helperInputs, mapped, nonEmpty } from '../../importer/mapping.ts'

/** Okta caps a list it iterates; a longer one is almost always a wrong reference. */
const MAX_ITEMS = 10_000

export default defineCard({
  type: 'control.forEach',
  title: 'For Each',
  description:
    'Runs a helper flow once per item of `list`, in order. The item goes to the helper input named by ' +
    '`item`, its position to `index`; `inputs` go to every run. A failed run stops the card, unless ' +
    '`ignoreErrors` (For Each - Ignore Errors) is set, which goes on with the next item.',
  kind: 'control',
  inputs: Type.Object({
    list: Type.Array(Type.Unknown()),
    flow: Type.String({ minLength: 1 }),
    item: Type.String({ minLength: 1, description: 'The helper input that receives each item.' }),
    inputs: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    ignoreErrors: Type.Boolean({ default: false }),
  }),
  outputs: Type.Object({ runs: Type.Number(), failed: Type.Number() }),
  examples: [
    { title: 'runs a helper once per item', inputs: { list: ['a', 'b'], flow: 'each', item: 'value' }, helpers: { each: `name: each
trigger: { id: start, card: control.helperFlow, options: { inputs: [value] } }
cards:
  - id: up
    card: text.lowerCase
    inputs: { string: '{{start.value}}' }
` }, outputs: { runs: 2, failed: 0 } },
  ],
  okta: {
    keys: ['list:each', 'list:asyncEach'],
    map: (v) => {
      const fields = v.fields().filter((f) => f.custom || f.group === 'context')
      // The helper input no card feeds is the one that receives each item.
      const item = fields.find((f) => !f.pinned && f.group !== 'context')?.key ?? 'item'
      return mapped({ list: v.input('list'), flow: v.helperFlow('flo'), item, inputs: nonEmpty(helperInputs(v, ['list', item])), ignoreErrors: v.kind === 'list:asyncEach' || undefined })
    },
  },
  async run(ctx, { list, flow, item, inputs, ignoreErrors }) {
    if (list.length > MAX_ITEMS) throw new CardFailedError(`list has ${list.length} items; For Each takes at most ${MAX_ITEMS}`, ctx.cardId)
    let failed = 0
    for (const [index, value] of list.entries()) {
      const args = { ...inputs, [item]: value, index }
      if (!ignoreErrors) {
        await callHelper(ctx, flow, args)
        continue
      }
      try {
        await callHelper(ctx, flow, args)
      } catch (err) {
        failed++
        ctx.log.warn({ index, err: (err as Error).message }, 'For Each item failed; going on')
      }
    }
    return { runs: list.length, failed }
  },
})
