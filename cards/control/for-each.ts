import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { callHelper } from './flow-result.ts'

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
