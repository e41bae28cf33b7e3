import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/template.ts'
import { sameKeys } from '../../importer/mapping.ts'
import { wellFormed } from '../lib/url-text.ts'

export default defineCard({
  type: 'url.encodeComponent',
  title: 'URL - Encode Component',
  description:
    'Percent-encodes text for use as one part of a URL (a query value, a path segment): every reserved character, ' +
    'space, `:`, `?`, `/`, `&`, `=` …, is encoded, as JavaScript’s encodeURIComponent does. Null gives empty text.',
  kind: 'function',
  inputs: Type.Object({ text: Type.Unknown({ description: 'The text to encode.' }) }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'encodes a value for a URL (Okta’s example)', inputs: { text: 'Sherlock Holmes: Detective' }, outputs: { output: 'Sherlock%20Holmes%3A%20Detective' } },
    { title: 'encodes slashes, ampersands and non-ASCII letters', inputs: { text: 'a/b&c=d é' }, outputs: { output: 'a%2Fb%26c%3Dd%20%C3%A9' } },
    { title: 'gives empty text for null', inputs: { text: null }, outputs: { output: '' } },
  ],
  okta: { keys: ['url:encodeComponent'], map: sameKeys(['text']) },
  run(_ctx, { text }) {
    // a lone surrogate cannot be encoded as UTF-8: write it as the replacement character instead of failing
    return { output: encodeURIComponent(wellFormed(textOf(text))) }
  },
})
