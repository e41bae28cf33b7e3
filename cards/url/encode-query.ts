import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { sameKeys } from '../../importer/mapping.ts'
import { wellFormed } from '../lib/url-text.ts'

const enc = (s: string) => encodeURIComponent(wellFormed(s))

/** One query value as text: a list repeats its key, null and missing give an empty value, an object cannot be written. */
function pairs(key: string, value: unknown, cardId: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => (Array.isArray(v) ? [] : pairs(key, v, cardId)))
  if (value === null || value === undefined) return [`${enc(key)}=`]
  if (typeof value === 'object') throw new CardFailedError(`query parameter "${key}" is an object; a query holds text, numbers, true/false and lists of them`, cardId)
  return [`${enc(key)}=${enc(String(value))}`]
}

export default defineCard({
  type: 'url.encodeQuery',
  title: 'URL - Encode Query',
  description:
    'Writes an object as a URL query string (what follows `?`), keys and values percent-encoded (a space is `%20`). ' +
    'A list repeats its key (`a=1&a=2`); null gives an empty value; an object value fails the card. The inverse of Decode Query.',
  kind: 'function',
  inputs: Type.Object({ data: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], { description: 'The query object.' }) }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'encodes a query object (Okta’s example)', inputs: { data: { name: 'John Doe', region: 'North America' } }, outputs: { output: 'name=John%20Doe&region=North%20America' } },
    { title: 'repeats the key of a list and writes numbers and true/false', inputs: { data: { id: [1, 2], active: true, q: 'a&b=c' } }, outputs: { output: 'id=1&id=2&active=true&q=a%26b%3Dc' } },
    { title: 'gives empty text for an empty or null object', inputs: { data: null }, outputs: { output: '' } },
    { title: 'fails on a nested object', inputs: { data: { filter: { a: 1 } } }, error: 'query parameter "filter" is an object' },
  ],
  okta: { keys: ['url:encode'], map: sameKeys(['data']) },
  run: (ctx, { data }) => ({ output: Object.entries(data ?? {}).flatMap(([k, v]) => pairs(k, v, ctx.cardId)).join('&') }),
})
