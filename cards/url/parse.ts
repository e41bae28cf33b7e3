import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { textOf } from '../../engine/template.ts'
import { sameKeys } from '../../importer/mapping.ts'

/** decodeURI leaves escapes of reserved characters (`%2F`, `%3F`) alone, so the path keeps its meaning. */
function decodedPath(path: string): string {
  try {
    return decodeURI(path)
  } catch {
    return path
  }
}

export default defineCard({
  type: 'url.parse',
  title: 'URL - Parse',
  description:
    'Splits a URL into its parts: `protocol` (lower case, with its colon: `https:`), `host` (the host name, lower ' +
    'case, without the port), `port` (a number, or null when the URL names none), `path` (everything after the host ' +
    'and port, before the query; escapes decoded except those of reserved characters) and `query` (the whole query ' +
    'string without `?`). Text that is not an absolute URL fails the card.',
  kind: 'function',
  inputs: Type.Object({ url: Type.Unknown({ description: 'The URL to parse.' }) }),
  outputs: Type.Object({
    protocol: Type.String(),
    host: Type.String(),
    port: Type.Union([Type.Integer(), Type.Null()]),
    path: Type.String(),
    query: Type.String(),
  }),
  examples: [
    {
      title: 'splits a URL (Okta’s example)',
      inputs: { url: 'http://www.test.com:8080/test url?value=example&value2=URL' },
      outputs: { protocol: 'http:', host: 'www.test.com', port: 8080, path: '/test url', query: 'value=example&value2=URL' },
    },
    { title: 'gives a null port when the URL names none, and lower-cases the host', inputs: { url: 'HTTPS://Example.COM/a%2Fb?x=1#top' }, outputs: { protocol: 'https:', host: 'example.com', port: null, path: '/a%2Fb', query: 'x=1' } },
    { title: 'fails on a relative URL', inputs: { url: '/just/a/path' }, error: 'is not an absolute URL' },
  ],
  okta: { keys: ['url:parse'], map: sameKeys(['url']) },
  run(ctx, { url }) {
    const text = textOf(url).trim()
    let u: URL
    try {
      u = new URL(text)
    } catch {
      throw new CardFailedError(`"${text.length > 200 ? `${text.slice(0, 200)}…` : text}" is not an absolute URL`, ctx.cardId)
    }
    return {
      protocol: u.protocol,
      host: u.hostname,
      port: u.port === '' ? null : Number(u.port),
      path: decodedPath(u.pathname),
      query: u.search.replace(/^\?/, ''),
    }
  },
})
