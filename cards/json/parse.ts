import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'

const MAX_TEXT = 5_000_000

export default defineCard({
  type: 'json.parse',
  title: 'JSON - Parse',
  description: 'Turns JSON text into a value. A value that is already parsed passes through unchanged.',
  kind: 'function',
  inputs: Type.Object({ string: Type.Unknown() }),
  outputs: Type.Object({ output: Type.Unknown() }),
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
