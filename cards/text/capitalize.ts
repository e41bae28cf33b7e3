import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { oneText } from '../lib/text-card.ts'

export default defineCard({
  type: 'text.capitalize',
  title: 'Text - Capitalize',
  description:
    'The text with its first character in upper case and the rest as it was ("ann lee" gives "Ann lee"); ' +
    'null or missing text gives empty text.',
  kind: 'function',
  inputs: Type.Object({ string: Type.Unknown({ description: 'The text to capitalize.' }) }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'raises the first letter only', inputs: { string: 'ann lee' }, outputs: { output: 'Ann lee' } },
    { title: 'keeps the rest as it was', inputs: { string: 'mcDonald' }, outputs: { output: 'McDonald' } },
    { title: 'leaves text that starts with no letter', inputs: { string: '42nd street' }, outputs: { output: '42nd street' } },
    { title: 'null gives empty text', inputs: { string: null }, outputs: { output: '' } },
  ],
  okta: { keys: ['string:capitalize'], map: oneText },
  run(_ctx, { string }) {
    const text = textOf(string)
    const first = text.codePointAt(0)
    if (first === undefined) return { output: '' }
    const head = String.fromCodePoint(first)
    return { output: head.toUpperCase() + text.slice(head.length) }
  },
})
