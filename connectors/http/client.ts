/**
 * The client of one API Connector connection: where a request may go (http or https, under the
 * connection's baseUrl, to a public address unless private networks are allowed), the
 * connection's credentials added last so a card cannot replace them, and an answer that is not
 * 2xx thrown as an HttpStatusError (its status and the start of its body, never our headers).
 */
import { STATUS_CODES } from 'node:http'
import { HttpStatusError, parseRetryAfter } from '../../engine/http-error.ts'
import { refusedAddress } from './address.ts'
import { ALLOW_HINT, guardedAgent, type Resolver, TargetRefusedError } from './agent.ts'
import { TokenSource } from './oauth.ts'
import type { HttpSettings } from './settings.ts'
import { exchange, type WireAnswer, type WireRequest } from './wire.ts'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface ApiRequest {
  method: HttpMethod
  /** Absolute, or a path starting with `/` under the connection's baseUrl. */
  url: string
  /** Query parameters added to the URL's own, in order. */
  query: [string, string][]
  /** Lower-case names. */
  headers: Record<string, string>
  body?: string
}

export interface ApiAnswer {
  status: number
  headers: Record<string, string>
  text: string
}

export interface HttpClient {
  send(req: ApiRequest, signal: AbortSignal): Promise<ApiAnswer>
}

export interface ClientOptions {
  timeoutMs: number
  /** Values that must be redacted from now on (access tokens, the Basic credential). */
  addSecret(value: string): void
  /** A DNS stand-in for tests; the system resolver otherwise. */
  resolve?: Resolver
}

export function createHttpClient(s: HttpSettings, o: ClientOptions): HttpClient {
  const agent = guardedAgent({ allowPrivateNetwork: s.allowPrivateNetwork, timeoutMs: o.timeoutMs, ...(o.resolve && { resolve: o.resolve }) })
  const wire = (req: WireRequest, signal: AbortSignal) => {
    refuseLiteral(req.url, s)
    return exchange(agent, req, signal, s.maxResponseBytes)
  }
  const tokens = s.auth.kind === 'oauth2' ? new TokenSource(s.auth, wire, o.addSecret) : undefined
  const fixed = fixedHeaders(s)
  for (const value of Object.values(fixed)) o.addSecret(value)
  return {
    async send(req, signal) {
      const url = target(req, s)
      const base: WireRequest = { method: req.method, url, headers: { ...req.headers, ...fixed }, ...(req.body !== undefined && { body: req.body }) }
      const once = async () => {
        const token = tokens && (await tokens.get(signal))
        const headers = token ? { ...base.headers, authorization: `Bearer ${token.token}` } : base.headers
        return { token, answer: await wire({ ...base, headers }, signal) }
      }
      let { token, answer } = await once()
      // A cached token the service no longer takes: the request was refused, so it is safe to send once more.
      if (answer.status === 401 && token && !token.fresh) {
        tokens!.drop(token.token)
        ;({ answer } = await once())
      }
      if (answer.status < 200 || answer.status >= 300) throw statusError(answer)
      return { status: answer.status, headers: answer.headers, text: answer.body.toString('utf8') }
    },
  }
}

/** The request's URL: resolved under baseUrl, its query appended, and kept where the connection allows. */
export function target(req: Pick<ApiRequest, 'url' | 'query'>, s: Pick<HttpSettings, 'baseUrl'>): URL {
  let url: URL
  if (req.url.startsWith('/')) {
    if (!s.baseUrl) throw new TargetRefusedError(`"${req.url}" is a relative URL and the connection has no baseUrl`)
    url = new URL(s.baseUrl.href.replace(/\/+$/, '') + req.url)
  } else {
    url = new URL(req.url)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetRefusedError(`${url.protocol} URLs are not allowed; only http and https`)
  if (url.username !== '' || url.password !== '') throw new TargetRefusedError('a URL may not hold credentials; put them in the connection')
  if (s.baseUrl && !isUnder(url, s.baseUrl)) {
    throw new TargetRefusedError(`${url.origin}${url.pathname} is not under the connection's baseUrl ${s.baseUrl.href}`)
  }
  for (const [k, v] of req.query) url.searchParams.append(k, v)
  return url
}

/** Same origin, and the path within the base path (segment by segment, after `..` is resolved). */
function isUnder(url: URL, base: URL): boolean {
  if (url.origin !== base.origin) return false
  const prefix = base.pathname.replace(/\/+$/, '')
  return prefix === '' || url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)
}

/** An IP-literal host is refused before any connection is tried (names are checked at lookup). */
function refuseLiteral(url: URL, s: HttpSettings): void {
  if (s.allowPrivateNetwork) return
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const why = /^[\d.]+$|:/.test(host) ? refusedAddress(host) : undefined
  if (why) throw new TargetRefusedError(`${url.hostname} is ${why}; ${ALLOW_HINT}`)
}

/** The connection's own headers: they win over a card's headers of the same name. */
function fixedHeaders(s: HttpSettings): Record<string, string> {
  switch (s.auth.kind) {
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${s.auth.username}:${s.auth.password}`).toString('base64')}` }
    case 'bearer':
      return { authorization: `Bearer ${s.auth.token}` }
    case 'custom':
      return Object.fromEntries(s.auth.headers)
    case 'none':
    case 'oauth2':
      return {}
  }
}

/** `HTTP 404 Not Found: <the start of the body>`; a 3xx says where it pointed, as it is not followed. */
function statusError(answer: WireAnswer): HttpStatusError {
  const reason = STATUS_CODES[answer.status] ?? ''
  let detail = `HTTP ${answer.status}${reason && ` ${reason}`}`
  if (answer.status >= 300 && answer.status < 400) {
    const to = where(answer.headers['location'])
    detail += `: redirects are not followed${to ? ` (to ${to})` : ''}`
  } else {
    const excerpt = answer.body.subarray(0, 300).toString('utf8').replace(/\s+/g, ' ').trim()
    if (excerpt !== '') detail += `: ${excerpt}`
  }
  return new HttpStatusError(answer.status, undefined, detail, parseRetryAfter(answer.headers['retry-after']))
}

/** Where a redirect pointed, without its query or any credentials in it. */
function where(location: string | undefined): string | undefined {
  if (!location) return undefined
  try {
    const url = new URL(location, 'http://relative.invalid')
    return url.host === 'relative.invalid' ? url.pathname : `${url.origin}${url.pathname}`
  } catch {
    return undefined
  }
}
