import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { oneText } from '../lib/text-card.ts'

export default defineCard({
  type: 'text.upperCase',
  title: 'Text - Uppercase',
  description: 'The text in upper case (Okta\'s "To Upper Case"); null or missing text gives empty text. Letters of every alphabet change, so "ß" becomes "SS".',
  kind: 'function',
  inputs: Type.Object({ string: Type.Unknown({ description: 'The text to convert.' }) }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'raises every letter', inputs: { string: 'ann.lee@example.com' }, outputs: { output: 'ANN.LEE@EXAMPLE.COM' } },
    { title: 'null gives empty text', inputs: { string: null }, outputs: { output: '' } },
  ],
  okta: { keys: ['string:toUpperCase'], map: oneText },
  run: (_ctx, { string }) => ({ output: textOf(string).toUpperCase() }),
})
