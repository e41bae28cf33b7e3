/** A small client for the Okta management API (SSWS API token), built in connections.ts. */
import { HttpStatusError, parseRetryAfter, readErrorBody } from '../../engine/http-error.ts'

export interface OktaClient {
  /** `GET /api/v1/users/{id or login}`: the user object (id, status, profile, …). */
  getUser(idOrLogin: string, signal: AbortSignal): Promise<Record<string, unknown>>
  /** Any management API call, e.g. `('PUT', '/api/v1/groups/{g}/users/{u}')`. Paths are relative to the org URL. */
  request<T = unknown>(method: OktaMethod, path: string, opts: OktaRequestOptions): Promise<T>
  /** The same, answering status and headers too (Custom API Action). A 4xx or 5xx still throws. */
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
  headers: Record<string, string>
  body: unknown
}

export interface OktaConfig {
  /** `https://example.okta.com` */
  orgUrl: string
  apiToken: string
}

export function createOktaClient(cfg: OktaConfig): OktaClient {
  const base = cfg.orgUrl.replace(/\/+$/, '')
  const client: OktaClient = {
    getUser: (idOrLogin, signal) => client.request<Record<string, unknown>>('GET', `/api/v1/users/${encodeURIComponent(idOrLogin)}`, { signal }),
    async request<T>(method: OktaMethod, path: string, opts: OktaRequestOptions): Promise<T> {
      return (await client.exchange(method, path, opts)).body as T
    },
    async exchange(method, path, opts) {
      if (!path.startsWith('/')) throw new TypeError(`Okta API paths start with "/": ${path}`)
      const url = new URL(base + path)
      for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v)
      const extra = Object.fromEntries(Object.entries(opts.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'authorization'))
      const res = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(opts.body !== undefined && { 'content-type': 'application/json' }),
          ...extra,
          authorization: `SSWS ${cfg.apiToken}`,
        },
        ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }),
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

function parseBody(text: string, contentType: string | undefined): unknown {
  if (!contentType?.includes('json')) return text
  return JSON.parse(text)
}

/** Okta's error body: `{errorCode: "E0000007", errorSummary: "Not found: …"}`. */
async function oktaError(res: Response): Promise<HttpStatusError> {
  const body = await readErrorBody(res)
  const data = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const code = typeof data['errorCode'] === 'string' ? data['errorCode'] : undefined
  const summary = typeof data['errorSummary'] === 'string' ? data['errorSummary'] : res.statusText
  const message = [`HTTP ${res.status}`, code, summary].filter(Boolean).join(' ')
  return new HttpStatusError(res.status, code, message, parseRetryAfter(res.headers.get('retry-after')))
}
