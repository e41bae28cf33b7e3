/**
 * A small client for the Okta management API (SSWS API token), built in connections.ts. Every
 * request goes to the org's own origin: a path is checked (no dot segments, no control
 * characters), a `Link: rel="next"` URL is followed only when it points at the same org, and
 * redirects are refused, so the token never leaves for another host.
 */
import { HttpStatusError, parseRetryAfter, readErrorBody } from '../../engine/http-error.ts'
import { OktaPathError, relativeUrlProblem, shown } from './path.ts'

export interface OktaClient {
  /** The org URL, without a trailing slash. */
  readonly orgUrl: string
  /** Any management API call, e.g. `('PUT', oktaPath`/api/v1/groups/${g}/users/${u}`)`. Paths are relative to the org URL; a next-page URL of the same org is taken whole. */
  request<T = unknown>(method: OktaMethod, path: string, opts: OktaRequestOptions): Promise<T>
  /** The same, answering status and headers too. A 4xx or 5xx throws an OktaApiError. */
  exchange(method: OktaMethod, path: string, opts: OktaRequestOptions): Promise<OktaResponse>
}

export type OktaMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface OktaRequestOptions {
  body?: unknown
  query?: Record<string, string>
  /** Extra request headers; the API token's Authorization header cannot be replaced. */
  headers?: Record<string, string>
  signal: AbortSignal
}

export interface OktaResponse {
  status: number
  /** Lower-case names; repeated headers (`Link`) joined with ", ". */
  headers: Record<string, string>
  body: unknown
}

export interface OktaConfig {
  /** `https://example.okta.com` */
  orgUrl: string
  apiToken: string
}

/** Okta answered 4xx or 5xx. A 429 keeps Okta's rate-limit reset and the server's clock, read by `classifyOktaFailure`. */
export class OktaApiError extends HttpStatusError {
  constructor(
    status: number,
    serviceCode: string | undefined,
    message: string,
    retryAfter: number | undefined,
    /** `X-Rate-Limit-Reset`: when the window resets, UTC epoch seconds. */
    readonly rateLimitReset: number | undefined,
    /** The response's `Date`, epoch ms: the reset is compared with Okta's clock, not ours. */
    readonly serverTime: number | undefined,
  ) {
    super(status, serviceCode, message, retryAfter)
  }
}

const HEADERS_NOT_FROM_FLOWS = new Set(['authorization', 'host', 'content-length', 'cookie'])

export function createOktaClient(cfg: OktaConfig): OktaClient {
  const orgUrl = cfg.orgUrl.replace(/\/+$/, '')
  const origin = new URL(orgUrl).origin
  const client: OktaClient = {
    orgUrl,
    async request<T>(method: OktaMethod, path: string, opts: OktaRequestOptions): Promise<T> {
      return (await client.exchange(method, path, opts)).body as T
    },
    async exchange(method, path, opts) {
      const url = resolve(orgUrl, origin, path)
      for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v)
      const extra = Object.fromEntries(Object.entries(opts.headers ?? {}).filter(([k]) => !HEADERS_NOT_FROM_FLOWS.has(k.toLowerCase())))
      const res = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(opts.body !== undefined && { 'content-type': 'application/json' }),
          ...extra,
          authorization: `SSWS ${cfg.apiToken}`,
        },
        // Okta answers 411 to a POST or PUT without a length; an empty body sends `Content-Length: 0`.
        ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : method === 'POST' || method === 'PUT' ? { body: '' } : {}),
        redirect: 'error',
        signal: opts.signal,
      })
      if (!res.ok) throw await oktaError(res)
      const headers = Object.fromEntries(res.headers.entries())
      const text = res.status === 204 ? '' : await res.text()
      return { status: res.status, headers, body: text === '' ? undefined : parseBody(text, headers['content-type']) }
    },
  }
  return client
}

/** The URL of a request: a checked path under the org, or a whole URL of the same org (a next link). */
function resolve(orgUrl: string, origin: string, path: string): URL {
  if (/^https?:\/\//i.test(path)) {
    const url = new URL(path)
    if (url.origin !== origin) throw new OktaPathError(`refusing to follow a link to ${url.origin}: only ${origin} gets the API token`)
    const problem = relativeUrlProblem(url.pathname + url.search)
    if (problem) throw new OktaPathError(`the link ${shown(path)} ${problem}`)
    return url
  }
  const problem = relativeUrlProblem(path)
  if (problem) throw new OktaPathError(`the path ${shown(path)} ${problem}`)
  const url = new URL(orgUrl + path)
  if (url.origin !== origin) throw new OktaPathError(`the path ${shown(path)} leaves the org ${origin}`)
  return url
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!contentType?.includes('json')) return text
  return JSON.parse(text)
}

const numberOf = (v: string | null): number | undefined => {
  const n = v === null || v.trim() === '' ? Number.NaN : Number(v)
  return Number.isFinite(n) ? n : undefined
}

/** Okta's error body: `{errorCode: "E0000007", errorSummary: "Not found: …"}`. */
async function oktaError(res: Response): Promise<OktaApiError> {
  const body = await readErrorBody(res)
  const data = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const code = typeof data['errorCode'] === 'string' ? data['errorCode'] : undefined
  const summary = typeof data['errorSummary'] === 'string' ? data['errorSummary'] : res.statusText
  const message = [`HTTP ${res.status}`, code, summary].filter(Boolean).join(' ')
  const date = Date.parse(res.headers.get('date') ?? '')
  return new OktaApiError(
    res.status,
    code,
    message,
    parseRetryAfter(res.headers.get('retry-after')),
    numberOf(res.headers.get('x-rate-limit-reset')),
    Number.isNaN(date) ? undefined : date,
  )
}
