import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { textOf } from '../../engine/values.ts'
import { oneText } from '../lib/text-card.ts'

const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/
const UTF8 = new TextDecoder('utf-8', { fatal: true })

export default defineCard({
  type: 'text.base64Decode',
  title: 'Text - Base64 Decode',
  description:
    'The text that Base64 `string` encodes, read as UTF-8. Both alphabets are read (`+/` and the URL-safe `-_`), ' +
    'with or without `=` padding; whitespace and line breaks are ignored. Text that is not Base64, or bytes that are ' +
    'not UTF-8 text, fail the card. Null or missing text gives empty text.',
  kind: 'function',
  inputs: Type.Object({ string: Type.Unknown({ description: 'The Base64 text to decode.' }) }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'decodes text', inputs: { string: 'aGVsbG8gd29ybGQ=' }, outputs: { output: 'hello world' } },
    { title: 'decodes without padding and in the URL alphabet', inputs: { string: 'Wm_DqyDinJM' }, outputs: { output: 'Zoë ✓' } },
    { title: 'fails on text that is not Base64', inputs: { string: 'not base64!' }, error: 'is not Base64' },
    { title: 'fails on bytes that are not text', inputs: { string: '/w==' }, error: 'does not decode to UTF-8 text' },
  ],
  okta: { keys: ['string:base64Decode', 'string:fromBase64'], map: oneText },
  run(ctx, { string }) {
    const encoded = textOf(string).replace(/\s+/g, '')
    if (encoded.length % 4 === 1 || !BASE64.test(encoded)) throw new CardFailedError(`"${encoded.slice(0, 40)}${encoded.length > 40 ? '…' : ''}" is not Base64`, ctx.cardId)
    const bytes = Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    try {
      return { output: UTF8.decode(bytes) }
    } catch {
      throw new CardFailedError('the Base64 text does not decode to UTF-8 text', ctx.cardId)
    }
  },
})
