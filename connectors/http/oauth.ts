/**
 * OAuth 2.0 client credentials for an API Connector connection: one token request, its access
 * token cached until shortly before it expires and shared by every card using the connection.
 * Concurrent cards wait for the same token request rather than each sending one.
 */
import { HttpStatusError, parseRetryAfter } from '../../engine/http-error.ts'
import type { Auth } from './settings.ts'
import type { WireAnswer, WireRequest } from './wire.ts'

type OAuth = Extract<Auth, { kind: 'oauth2' }>

export interface Token {
  value: string
  /** Date.now() after which it is fetched anew. */
  refreshAt: number
}

/** Longest margin before the stated expiry at which a token is renewed. */
const MARGIN_MS = 60_000

export class TokenSource {
  private current: Token | undefined
  private pending: Promise<Token> | undefined

  constructor(
    private readonly auth: OAuth,
    private readonly send: (req: WireRequest, signal: AbortSignal) => Promise<WireAnswer>,
    /** Every access token obtained, so that it is redacted like the connection's own secrets. */
    private readonly onToken: (token: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid token: the cached one, or a new one (`fresh` says which). */
  async get(signal: AbortSignal): Promise<{ token: string; fresh: boolean }> {
    if (this.current && this.now() < this.current.refreshAt) return { token: this.current.value, fresh: false }
    this.pending ??= this.fetch(signal).finally(() => {
      this.pending = undefined
    })
    return { token: (await this.pending).value, fresh: true }
  }

  /** The service refused this token (401): the next `get` fetches a new one. */
  drop(token: string): void {
    if (this.current?.value === token) this.current = undefined
  }

  private async fetch(signal: AbortSignal): Promise<Token> {
    const a = this.auth
    const form = new URLSearchParams({ grant_type: 'client_credentials' })
    if (a.scope) form.set('scope', a.scope)
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }
    if (a.clientAuthentication === 'body') {
      form.set('client_id', a.clientId)
      form.set('client_secret', a.clientSecret)
    } else {
      // RFC 6749 2.3.1: each part form-encoded before they are joined
      headers['authorization'] = `Basic ${Buffer.from(`${formEncode(a.clientId)}:${formEncode(a.clientSecret)}`).toString('base64')}`
    }
    const started = this.now()
    const answer = await this.send({ method: 'POST', url: a.tokenUrl, headers, body: form.toString() }, signal)
    const body = parseJson(answer.body.toString('utf8'))
    if (answer.status < 200 || answer.status >= 300) throw tokenError(answer, body)
    const token = body?.['access_token']
    const type = body?.['token_type']
    if (typeof token !== 'string' || token === '') throw new HttpStatusError(502, undefined, 'token endpoint: the answer holds no access_token', undefined)
    if (typeof type === 'string' && type.toLowerCase() !== 'bearer') {
      throw new HttpStatusError(502, undefined, `token endpoint: token_type "${type}" is not Bearer`, undefined)
    }
    this.onToken(token)
    const lifetime = Number(body?.['expires_in'])
    // without a stated lifetime the token is kept until the service refuses it (401)
    const refreshAt = Number.isFinite(lifetime) ? started + lifetime * 1000 - Math.min(MARGIN_MS, (lifetime * 1000) / 10) : Number.POSITIVE_INFINITY
    this.current = { value: token, refreshAt }
    return this.current
  }
}

function formEncode(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+')
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text)
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/** `{error: "invalid_client", error_description: "…"}` (RFC 6749 5.2) as the failure's own words. */
function tokenError(answer: WireAnswer, body: Record<string, unknown> | undefined): HttpStatusError {
  const code = typeof body?.['error'] === 'string' ? body['error'] : undefined
  const description = typeof body?.['error_description'] === 'string' ? body['error_description'].slice(0, 300) : undefined
  const message = ['token endpoint: HTTP', String(answer.status), code, description].filter(Boolean).join(' ')
  return new HttpStatusError(answer.status, code, message, parseRetryAfter(answer.headers['retry-after']))
}
