import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { oneText } from '../lib/text-card.ts'

export default defineCard({
  type: 'text.base64Encode',
  title: 'Text - Base64 Encode',
  description:
    'The text\'s UTF-8 bytes in Base64 (RFC 4648, with `+`, `/` and `=` padding), or with `url safe` in the URL ' +
    'alphabet (`-`, `_`, no padding). Null or missing text gives empty text.',
  kind: 'function',
  inputs: Type.Object({
    string: Type.Unknown({ description: 'The text to encode.' }),
    'url safe': Type.Optional(Type.Boolean({ default: false })),
  }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'encodes text', inputs: { string: 'hello world' }, outputs: { output: 'aGVsbG8gd29ybGQ=' } },
    { title: 'encodes a Basic credential', inputs: { string: 'ann:s3cret' }, outputs: { output: 'YW5uOnMzY3JldA==' } },
    { title: 'encodes UTF-8', inputs: { string: 'Zoë ✓' }, outputs: { output: 'Wm/DqyDinJM=' } },
    { title: 'in the URL alphabet', inputs: { string: 'Zoë ✓', 'url safe': true }, outputs: { output: 'Wm_DqyDinJM' } },
    { title: 'null gives empty text', inputs: { string: null }, outputs: { output: '' } },
  ],
  okta: { keys: ['string:base64', 'string:base64Encode'], map: oneText },
  run: (_ctx, inputs) => ({ output: Buffer.from(textOf(inputs.string), 'utf8').toString(inputs['url safe'] ? 'base64url' : 'base64') }),
})
