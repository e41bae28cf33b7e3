import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { sameKeys } from '../../importer/mapping.ts'

const MAX_TEXT = 5_000_000

export default defineCard({
  type: 'json.parse',
  title: 'JSON - Parse',
  description: 'Turns JSON text into a value. A value that is already parsed passes through unchanged.',
  kind: 'function',
  inputs: Type.Object({ string: Type.Unknown() }),
  outputs: Type.Object({ output: Type.Unknown() }),
  examples: [
    { title: 'reads JSON text into a value', inputs: { string: '{"a":[1,2]}' }, outputs: { output: { a: [1, 2] } } },
    { title: 'fails on text that is not JSON', inputs: { string: '{oops' }, error: 'JSON' },
  ],
  okta: { keys: ['json:parse'], map: sameKeys(['string']) },
  run(ctx, { string }) {
    if (typeof string !== 'string') return { output: string ?? null }
    if (string.length > MAX_TEXT) throw new CardFailedError(`JSON text longer than ${MAX_TEXT} characters`, ctx.cardId)
    try {
      return { output: JSON.parse(string) as unknown }
    } catch (err) {
      throw new CardFailedError(`not JSON: ${(err as Error).message}`, ctx.cardId)
    }
  },
})
