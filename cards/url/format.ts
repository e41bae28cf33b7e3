import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { textOf } from '../../engine/template.ts'
import { sameKeys } from '../../importer/mapping.ts'
import { toNumber } from '../lib/to-number.ts'
import { wellFormed } from '../lib/url-text.ts'

/** Characters a path or query may hold as they are; existing %XX escapes are kept, anything else is percent-encoded. */
const escapeOutside = (s: string, allowed: RegExp) =>
  wellFormed(s).replace(/%(?![0-9A-Fa-f]{2})|[^%]/gu, (c) => (c !== '%' && allowed.test(c) ? c : encodeURIComponent(c === '%' ? '%' : c)))
const PATH_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/
const QUERY_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/

export default defineCard({
  type: 'url.format',
  title: 'URL - Format',
  description:
    'Builds a URL from its parts: `protocol` (http, https …, with or without its colon; https when empty), `host` ' +
    '(required; a host name or address, nothing else), `port` (a number from 1 to 65535, left out when empty), ' +
    '`path` (a `/` is put in front when missing) and `query` (without `?`). Characters a path or query cannot hold ' +
    'as they are (space, `#`, non-ASCII) are percent-encoded; escapes already there are kept. The inverse of Parse.',
  kind: 'function',
  inputs: Type.Object({
    protocol: Type.Optional(Type.Unknown({ description: 'The URL protocol, e.g. http or https.' })),
    host: Type.Unknown({ description: 'The fully qualified domain name.' }),
    port: Type.Optional(Type.Unknown({ description: 'The port number (a number, or text that reads as one).' })),
    path: Type.Optional(Type.Unknown({ description: 'The resource path within the host.' })),
    query: Type.Optional(Type.Unknown({ description: 'The query string, without the question mark.' })),
  }),
  outputs: Type.Object({ url: Type.String() }),
  examples: [
    {
      title: 'builds the URL Parse splits in Okta’s example',
      inputs: { protocol: 'http', host: 'www.test.com', port: 8080, path: '/test url', query: 'value=example&value2=URL' },
      outputs: { url: 'http://www.test.com:8080/test%20url?value=example&value2=URL' },
    },
    { title: 'uses https when no protocol is given and adds the leading slash', inputs: { host: 'example.com', path: 'a/b%2Fc', query: '?q=1#x' }, outputs: { url: 'https://example.com/a/b%2Fc?q=1%23x' } },
    { title: 'fails on a host that carries a path or credentials', inputs: { host: 'evil.com/x@example.com' }, error: 'is not a host name' },
    { title: 'fails on a port out of range', inputs: { host: 'example.com', port: 70000 }, error: 'port' },
  ],
  okta: { keys: ['url:format'], map: sameKeys(['protocol', 'host', 'port', 'path', 'query']) },
  run(ctx, { protocol, host, port, path, query }) {
    const scheme = (textOf(protocol).trim().replace(/:(\/\/)?$/, '') || 'https').toLowerCase()
    if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) throw new CardFailedError(`"${scheme}" is not a URL protocol`, ctx.cardId)
    const h = textOf(host).trim()
    if (h === '' || !/^(\[[0-9A-Fa-f:.]+\]|[^\s/?#@:[\]\\%]+)$/u.test(h)) throw new CardFailedError(`"${h}" is not a host name`, ctx.cardId)
    let p = ''
    if (port !== undefined && port !== null && port !== '') {
      const n = toNumber(port, 'port', ctx.cardId)
      if (!Number.isInteger(n) || n < 1 || n > 65535) throw new CardFailedError(`port ${n} is not a port number (1 to 65535)`, ctx.cardId)
      p = `:${n}`
    }
    const rawPath = textOf(path)
    const pathPart = rawPath === '' ? '' : escapeOutside(rawPath.startsWith('/') ? rawPath : `/${rawPath}`, PATH_CHAR)
    const rawQuery = textOf(query).replace(/^\?/, '')
    const url = `${scheme}://${h}${p}${pathPart}${rawQuery === '' ? '' : `?${escapeOutside(rawQuery, QUERY_CHAR)}`}`
    try {
      new URL(url)
    } catch {
      throw new CardFailedError(`the parts do not make a valid URL (host "${h}")`, ctx.cardId)
    }
    return { url }
  },
})
