import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { oneText } from '../lib/text-card.ts'

export default defineCard({
  type: 'text.trim',
  title: 'Text - Trim',
  description:
    'The text without the whitespace at its start and end (spaces, tabs, line breaks, non-breaking spaces); ' +
    'whitespace between words stays. Null or missing text gives empty text.',
  kind: 'function',
  inputs: Type.Object({ string: Type.Unknown({ description: 'The text to trim.' }) }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'strips both ends', inputs: { string: '  Ann  Lee \n' }, outputs: { output: 'Ann  Lee' } },
    { title: 'only whitespace gives empty text', inputs: { string: ' \t ' }, outputs: { output: '' } },
    { title: 'null gives empty text', inputs: { string: null }, outputs: { output: '' } },
  ],
  okta: { keys: ['string:trim'], map: oneText },
  run: (_ctx, { string }) => ({ output: textOf(string).trim() }),
})
