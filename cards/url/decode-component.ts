import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/template.ts'
import { sameKeys } from '../../importer/mapping.ts'
import { decodeComponent } from '../lib/url-text.ts'

export default defineCard({
  type: 'url.decodeComponent',
  title: 'URL - Decode Component',
  description:
    'Decodes every percent-encoded character of a URL part (the inverse of Encode Component). A `+` stays a `+`; ' +
    'a broken escape fails the card. Null gives empty text.',
  kind: 'function',
  inputs: Type.Object({ text: Type.Unknown({ description: 'URL-encoded text.' }) }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'decodes a value (Okta’s example)', inputs: { text: 'Sherlock%20Holmes%3A%20Detective' }, outputs: { output: 'Sherlock Holmes: Detective' } },
    { title: 'decodes UTF-8 and keeps plus signs', inputs: { text: 'caf%C3%A9+bar' }, outputs: { output: 'café+bar' } },
    { title: 'fails on a broken escape', inputs: { text: '100%' }, error: 'not valid URL encoding' },
  ],
  okta: { keys: ['url:decodeComponent'], map: sameKeys(['text']) },
  run: (ctx, { text }) => ({ output: decodeComponent(textOf(text), ctx.cardId) }),
})
