import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { oneText } from '../lib/text-card.ts'

export default defineCard({
  type: 'text.length',
  title: 'Text - Length',
  description:
    'How many characters `string` holds, spaces and punctuation included; null or missing text has length 0. ' +
    'Characters are counted as Text Segment and Find count positions (UTF-16 units: an emoji counts 2). ' +
    '`output` is Okta\'s "length".',
  kind: 'function',
  inputs: Type.Object({ string: Type.Unknown({ description: 'The text to measure.' }) }),
  outputs: Type.Object({ output: Type.Integer() }),
  examples: [
    { title: 'counts every character', inputs: { string: '12 Dollars And 43 Cents' }, outputs: { output: 23 } },
    { title: 'empty text has length 0', inputs: { string: '' }, outputs: { output: 0 } },
    { title: 'null has length 0', inputs: { string: null }, outputs: { output: 0 } },
    { title: 'measures a number as text', inputs: { string: 1234.5 }, outputs: { output: 6 } },
  ],
  okta: { keys: ['string:length'], map: oneText },
  run: (_ctx, { string }) => ({ output: textOf(string).length }),
})
