/**
 * The Microsoft Graph client, with a middleware chain of our own: the library attaches the token
 * only to https Graph hosts, so a fake on http://127.0.0.1 would never see it; and its retry
 * handler would retry behind our back. Our chain is: attach token, then fetch.
 */
import { Client, type Context, HTTPMessageHandler, type Middleware } from '@microsoft/microsoft-graph-client'
import { HttpStatusError, parseRetryAfter, readErrorBody, withSlash } from '../../engine/http-error.ts'

export interface GraphConfig {
  accessToken?: string
  tenantId?: string
  clientId?: string
  clientSecret?: string
  /** The Microsoft identity token endpoint; default `https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token`. */
  tokenUrl?: string
  /** Graph's `baseUrl`; default `https://graph.microsoft.com/`. */
  apiUrl?: string
}

export function createGraphClient(cfg: GraphConfig): Client {
  const tokens = cfg.accessToken ? { get: async () => cfg.accessToken! } : clientCredentials(cfg)
  return Client.initWithMiddleware({
    ...(cfg.apiUrl && { baseUrl: withSlash(cfg.apiUrl) }),
    defaultVersion: 'v1.0',
    middleware: [new BearerToken(tokens), new HTTPMessageHandler()],
  })
}

interface TokenSource {
  get(signal: AbortSignal | undefined): Promise<string>
}

class BearerToken implements Middleware {
  private next: Middleware | undefined

  constructor(private readonly tokens: TokenSource) {}

  setNext(next: Middleware) {
    this.next = next
  }

  async execute(context: Context): Promise<void> {
    const options = context.options ?? {}
    let token: string
    try {
      token = await this.tokens.get(options.signal ?? undefined)
    } catch (err) {
      if (!(err instanceof HttpStatusError)) throw err
      // Answer as the token endpoint did, so the call fails with its status and error code.
      context.response = tokenFailure(err)
      return
    }
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0])
    headers.set('Authorization', `Bearer ${token}`)
    context.options = { ...options, headers: Object.fromEntries(headers) }
    await this.next!.execute(context)
  }
}

function tokenFailure(err: HttpStatusError): Response {
  const body = { error: { code: err.serviceCode ?? 'token_error', message: `token endpoint: ${err.message}` } }
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (err.retryAfter !== undefined) headers['retry-after'] = String(err.retryAfter)
  return new Response(JSON.stringify(body), { status: err.status, headers })
}

/** Client-credentials grant with a plain POST, cached until a minute before it expires. */
function clientCredentials(cfg: GraphConfig): TokenSource {
  const url = cfg.tokenUrl ?? `https://login.microsoftonline.com/${encodeURIComponent(cfg.tenantId ?? '')}/oauth2/v2.0/token`
  let cached: { token: string; until: number } | undefined
  return {
    async get(signal) {
      if (cached && Date.now() < cached.until) return cached.token
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: cfg.clientId ?? '',
          client_secret: cfg.clientSecret ?? '',
          scope: 'https://graph.microsoft.com/.default',
        }),
        ...(signal && { signal }),
      })
      const body = await readErrorBody(res)
      const data = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
      if (!res.ok || typeof data['access_token'] !== 'string') {
        const code = typeof data['error'] === 'string' ? data['error'] : undefined
        const why = typeof data['error_description'] === 'string' ? data['error_description'].split('\n')[0] : `HTTP ${res.status}`
        throw new HttpStatusError(res.ok ? 502 : res.status, code, `${code ?? 'error'}: ${why}`, parseRetryAfter(res.headers.get('retry-after')))
      }
      const lifetime = Number(data['expires_in']) || 3600
      cached = { token: data['access_token'], until: Date.now() + Math.max(0, lifetime - 60) * 1000 }
      return cached.token
    },
  }
}
