/**
 * What the API Connector cards share: the URL, Query, Headers and Body inputs read into one
 * request, sent through `ctx.call` (retried after a 5xx, a drop or a timeout only when the
 * method is idempotent), the answer read into Status Code, Headers and Body, and where the
 * cards sit in Okta's exports (`httpfunctions:<method>`).
 */
import { Type } from '@sinclair/typebox'
import { type ApiAnswer, type ApiRequest, type HttpMethod, http } from '../../connectors/http/index.ts'
import type { CardContext } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import type { ExportedCard } from '../../engine/export-mapping.ts'

export const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

/** Safe to send twice: these are retried after a 5xx, a dropped connection or a timeout. */
export const IDEMPOTENT: Readonly<Record<HttpMethod, boolean>> = { GET: true, PUT: true, DELETE: true, POST: false, PATCH: false }

export const URL_INPUT = Type.String({
  minLength: 1,
  description: 'The address, e.g. `https://api.example.com/v1/users`, or a path such as `/users` under the connection\'s `baseUrl`.',
})

export const QUERY_INPUT = Type.Optional(
  Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.String()], {
    description: 'Query parameters added to the URL: `{type: Dog, page: "2"}` gives `?type=Dog&page=2` (a list repeats the key, null leaves it out), or the text `type=Dog&page=2`.',
  }),
)

export const HEADERS_INPUT = Type.Optional(
  Type.Record(Type.String(), Type.Unknown(), { description: 'Request headers, e.g. `{Accept: text/plain}`. The connection\'s own credentials win over a header of the same name.' }),
)

export const RESPONSE_OUTPUTS = {
  'Status Code': Type.Integer({ description: 'The HTTP status of the answer (2xx; any other status fails the card).' }),
  Headers: Type.Record(Type.String(), Type.String(), { description: 'Response headers, lower-case names.' }),
}

/** What a card's inputs become: the request for the client, and how history shows it. */
export interface Built {
  request: ApiRequest
  operation: string
  record: Record<string, unknown>
}

export interface RequestInputs {
  URL: string
  Query?: Record<string, unknown> | string | undefined
  Headers?: Record<string, unknown> | undefined
}

/** Reads the inputs into a request, failing the card on a URL or header no request could carry. */
export function buildRequest(cardId: string, method: HttpMethod, inputs: RequestInputs, body: { text?: string; shown?: unknown; type?: string } = {}): Built {
  const fail = (message: string): never => {
    throw new CardFailedError(message, cardId)
  }
  const raw = inputs.URL.trim()
  const relative = raw.startsWith('/') && !raw.startsWith('//')
  if (!relative) checkAbsolute(raw, fail)
  const [address, ownQuery = ''] = raw.split('#')[0]!.split(/\?(.*)/s) as [string, string | undefined]
  const query = [...new URLSearchParams(ownQuery)].concat(queryPairs(inputs.Query, fail))
  const headers = headerMap(inputs.Headers, fail)
  if (body.text !== undefined && body.type && !headers['content-type']) headers['content-type'] = body.type
  const request: ApiRequest = { method, url: address, query, headers, ...(body.text !== undefined && { body: body.text }) }
  const record: Record<string, unknown> = {
    method,
    url: address,
    ...(query.length > 0 && { query: shownQuery(query) }),
    ...(Object.keys(headers).length > 0 && { headers }),
    ...(body.text !== undefined && { body: body.shown ?? body.text }),
  }
  return { request, operation: `${method} ${address}`, record }
}

function checkAbsolute(raw: string, fail: (m: string) => never): void {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    fail(`URL "${raw.slice(0, 200)}" is neither an absolute http(s) URL nor a path starting with "/"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`URL "${url.protocol}…": only http and https URLs are allowed`)
  if (url.username !== '' || url.password !== '') fail('URL holds a user name or password; put credentials in the connection instead')
}

/** Okta's query object: `{x: one, y: two}` → `x=one&y=two`. */
function queryPairs(query: RequestInputs['Query'], fail: (m: string) => never): [string, string][] {
  if (query === undefined) return []
  if (typeof query === 'string') return [...new URLSearchParams(query.replace(/^\?/, ''))]
  const out: [string, string][] = []
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v === null || v === undefined) continue
      if (typeof v === 'object') fail(`Query "${key}" is an object; give text, a number, true/false or a list of them`)
      out.push([key, String(v)])
    }
  }
  return out
}

function shownQuery(pairs: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [k, v] of pairs) {
    const prior = out[k]
    out[k] = prior === undefined ? v : Array.isArray(prior) ? [...prior, v] : [prior, v]
  }
  return out
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
/** Set by the client from the request itself; a card giving them could split or smuggle a request. */
const RESERVED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect'])

function headerMap(headers: RequestInputs['Headers'], fail: (m: string) => never): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === null || value === undefined) continue
    if (!TOKEN.test(name)) fail(`Headers: "${name.slice(0, 100)}" is not a valid header name`)
    const lower = name.toLowerCase()
    if (RESERVED.has(lower) || lower.startsWith('proxy-')) fail(`Headers: ${name} is set from the request itself and cannot be given`)
    const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value)
    if (/[\r\n\0]/.test(text)) fail(`Headers: the value of ${name} holds a line break`)
    out[lower] = text
  }
  return out
}

/** Post, Put, Patch and Delete: text goes as it is, anything else as JSON. */
export function jsonBody(body: unknown): { text?: string; shown?: unknown; type?: string } {
  if (body === undefined || body === null) return {}
  if (typeof body === 'string') return { text: body, type: 'text/plain; charset=utf-8' }
  return { text: JSON.stringify(body), shown: body, type: 'application/json' }
}

/** Sends the request through the engine's one connector-call path. */
export function send(ctx: CardContext, method: HttpMethod, built: Built, dryRun: () => ApiAnswer): Promise<ApiAnswer> {
  return ctx.call({
    connector: http,
    operation: built.operation,
    request: built.record,
    idempotent: IDEMPOTENT[method],
    send: (client, signal) => client.send(built.request, signal),
    dryRun,
  })
}

/** A JSON answer as a value, any other answer as its text, no body as null. */
export function parsedBody(answer: ApiAnswer): unknown {
  const text = answer.text
  if (text === '') return null
  const type = answer.headers['content-type']?.toLowerCase()
  const saysJson = type !== undefined && /[/+]json\b/.test(type)
  if (saysJson || (type === undefined && /^\s*[[{]/.test(text))) {
    try {
      return JSON.parse(text)
    } catch {
      return text
    }
  }
  return text
}

/** An exported object input: the field itself (`Headers`), or, in older exports, the fields of its group. */
export function exportedObject(v: ExportedCard, key: string): unknown {
  const lower = key.toLowerCase()
  const direct = v.fields().find((f) => f.key.toLowerCase() === lower && f.group?.toLowerCase() !== lower)?.value
  const grouped: Record<string, unknown> = {}
  for (const f of v.fields()) if (f.group?.toLowerCase() === lower) grouped[f.key] = f.value ?? null
  const hasGroup = Object.keys(grouped).length > 0
  // Okta leaves an unused object field as empty text or {}
  const empty = direct === undefined || direct === null || direct === '' || (typeof direct === 'object' && Object.keys(direct).length === 0)
  if (empty) return hasGroup ? grouped : undefined
  return hasGroup && typeof direct === 'object' && !Array.isArray(direct) ? { ...direct, ...grouped } : direct
}

/** An exported text input by key, either case (`URL` in exports, `url` in Okta's docs). */
export function exportedText(v: ExportedCard, key: string): unknown {
  const value = v.fields().find((f) => f.key.toLowerCase() === key.toLowerCase())?.value
  return value === '' ? undefined : value
}
