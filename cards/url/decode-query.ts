import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/template.ts'
import { sameKeys } from '../../importer/mapping.ts'
import { decodeComponent } from '../lib/url-text.ts'

/** Query strings from events are hostile: past this many parameters the rest are ignored, as Node's querystring does. */
const MAX_PARAMS = 1000

export default defineCard({
  type: 'url.decodeQuery',
  title: 'URL - Decode Query',
  description:
    'Reads a URL query string (with or without its leading `?`) into an object: a `+` is a space, a key given more ' +
    'than once gives a list of its values, a key without `=` has an empty value. A broken escape fails the card. ' +
    `At most ${MAX_PARAMS} parameters are read. The inverse of Encode Query.`,
  kind: 'function',
  inputs: Type.Object({ query: Type.Unknown({ description: 'The encoded query string.' }) }),
  outputs: Type.Object({ output: Type.Record(Type.String(), Type.Unknown()) }),
  examples: [
    { title: 'decodes a query string (Okta’s example)', inputs: { query: 'name=John%20Doe&region=North%20America' }, outputs: { output: { name: 'John Doe', region: 'North America' } } },
    { title: 'gathers a repeated key into a list and reads + as a space', inputs: { query: '?id=1&id=2&q=a+b&flag' }, outputs: { output: { id: ['1', '2'], q: 'a b', flag: '' } } },
    { title: 'gives an empty object for empty text', inputs: { query: '' }, outputs: { output: {} } },
    { title: 'fails on a broken escape', inputs: { query: 'a=%E0%A4%A' }, error: 'not valid URL encoding' },
  ],
  okta: { keys: ['url:decode'], map: sameKeys(['query']) },
  run(ctx, { query }) {
    const out: Record<string, unknown> = {}
    const text = textOf(query).replace(/^\?/, '')
    if (text === '') return { output: out }
    const decode = (s: string) => decodeComponent(s.replaceAll('+', ' '), ctx.cardId)
    for (const part of text.split('&', MAX_PARAMS)) {
      if (part === '') continue
      const eq = part.indexOf('=')
      const key = decode(eq < 0 ? part : part.slice(0, eq))
      const value = eq < 0 ? '' : decode(part.slice(eq + 1))
      // an own property only: "__proto__" is a key like any other
      const had = Object.hasOwn(out, key) ? out[key] : undefined
      Object.defineProperty(out, key, { value: had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value], enumerable: true, writable: true, configurable: true })
    }
    return { output: out }
  },
})
