/**
 * Who may read flow history (it holds personal data): an admin token (Bearer header, or a
 * session cookie set by the login form) or HTTP basic credentials. Replay and sign-out, the
 * writes, also need a same-origin request carrying a CSRF token tied to the visitor's credential.
 * Sessions live on the server: signing out ends one (its cookie stops working), and a restart
 * ends them all.
 */
import { createHmac, randomBytes } from 'node:crypto'
import type { Request } from 'express'
import { ConfigError } from '../engine/errors.ts'
import { secretMatches } from '../web/http.ts'

export interface UiAuth {
  /** Admin token: `Authorization: Bearer <token>`, or typed once into the login form. */
  token?: string
  basic?: { user: string; password: string }
  /** No credential at all: only for a laptop, never for a shared server. */
  public?: boolean
  /** Failed sign-ins (and other refused credentials) allowed per client address in a window; default 10 per 15 minutes. */
  signInLimit?: { max: number; windowMs: number }
}

export interface Principal {
  via: 'bearer' | 'basic' | 'cookie' | 'public'
  /** Names the credential (a form session names itself), so each has its own CSRF token. */
  id: string
}

export const COOKIE = 'cardflow_ui'
const SESSION_MS = 12 * 3600 * 1000

export function authConfigured(auth: UiAuth): boolean {
  return Boolean(auth.token || auth.basic || auth.public)
}

/** A credential is never overridden by `--ui-public`: asking for both is refused at start. */
export function checkUiAuth(auth: UiAuth): void {
  if (auth.public && (auth.token || auth.basic)) {
    throw new ConfigError('--ui-public cannot be combined with a web UI credential (CARDFLOW_UI_TOKEN, --ui-token, or CARDFLOW_UI_USER and CARDFLOW_UI_PASSWORD): drop --ui-public to require the credential, or unset the credential')
  }
}

/** Sessions kept at most: past it the oldest go first (each holds a few bytes). */
const MAX_SESSIONS = 10_000

export class Guard {
  /** Signs session cookies and CSRF tokens; derived from the credentials, so a changed credential ends every session. */
  private readonly key: Buffer
  /** Live sessions: id to when it ends. Signing out deletes one; its cookie then counts for nothing. */
  private readonly sessions = new Map<string, number>()

  constructor(
    private readonly auth: UiAuth,
    private readonly now: () => number = Date.now,
  ) {
    const material = [auth.token ?? '', auth.basic?.user ?? '', auth.basic?.password ?? ''].join('\0')
    this.key = material === '\0\0' ? randomBytes(32) : createHmac('sha256', 'cardflow ui').update(material).digest()
  }

  get usesForm(): boolean {
    return this.auth.token !== undefined
  }

  get usesBasic(): boolean {
    return this.auth.basic !== undefined
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url')
  }

  /** The visitor's credential, or undefined when it is missing or wrong. */
  principal(req: Request): Principal | undefined {
    const header = req.headers.authorization ?? ''
    const [scheme, value] = [header.slice(0, header.indexOf(' ')).toLowerCase(), header.slice(header.indexOf(' ') + 1).trim()]
    if (this.auth.token && scheme === 'bearer' && secretMatches(value, this.auth.token)) return { via: 'bearer', id: 'bearer' }
    if (this.auth.basic && scheme === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      const expected = `${this.auth.basic.user}:${this.auth.basic.password}`
      if (colon > 0 && secretMatches(decoded, expected)) return { via: 'basic', id: `basic:${this.auth.basic.user}` }
    }
    const session = this.auth.token ? this.sessionFrom(cookieValue(req, COOKIE)) : undefined
    if (session) return { via: 'cookie', id: session }
    if (this.auth.public) return { via: 'public', id: 'public' }
    return undefined
  }

  tokenMatches(given: string): boolean {
    return this.auth.token !== undefined && secretMatches(given, this.auth.token)
  }

  /** A new session, as its cookie value `id.signature`: the server knows the id until it ends. */
  newSession(): string {
    const now = this.now()
    for (const [id, ends] of this.sessions) if (ends <= now || this.sessions.size >= MAX_SESSIONS) this.sessions.delete(id)
    const id = randomBytes(18).toString('base64url')
    this.sessions.set(id, now + SESSION_MS)
    return `${id}.${this.sign(`session:${id}`)}`
  }

  /** Signing out: the session ends here, whatever the browser keeps. */
  endSession(p: Principal): void {
    if (p.via === 'cookie') this.sessions.delete(p.id.slice('session:'.length))
  }

  private sessionFrom(cookie: string | undefined): string | undefined {
    const [id, sig] = (cookie ?? '').split('.')
    if (!id || !sig || !secretMatches(sig, this.sign(`session:${id}`))) return undefined
    const ends = this.sessions.get(id)
    if (ends === undefined || ends <= this.now()) return undefined
    return `session:${id}`
  }

  csrfToken(p: Principal): string {
    return this.sign(`csrf:${p.id}`)
  }

  /**
   * A browser sends cookies and basic credentials by itself, so a form POST must prove it came
   * from our own page: same origin, and the token only our page holds. A Bearer header is never
   * sent by a browser on its own, so such requests pass.
   */
  postAllowed(req: Request, p: Principal, given: unknown): boolean {
    if (p.via === 'bearer') return true
    if (!sameOrigin(req)) return false
    return typeof given === 'string' && secretMatches(given, this.csrfToken(p))
  }
}

/** A cookie is the client's to mangle: one that does not decode is no cookie, not a server error. */
function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}

export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return safeDecode(part.slice(eq + 1).trim())
  }
  return undefined
}

/** Origin (or, failing that, Referer) must name this host; a request with neither is not a browser form. */
function sameOrigin(req: Request): boolean {
  const source = req.headers.origin ?? req.headers.referer
  if (source === undefined) return true
  try {
    return new URL(source).host === req.headers.host
  } catch {
    return false
  }
}

export function sessionCookie(value: string, secure: boolean): string {
  return `${COOKIE}=${value}; Path=/ui; HttpOnly; SameSite=Strict; Max-Age=${SESSION_MS / 1000}${secure ? '; Secure' : ''}`
}

export const CLEAR_COOKIE = `${COOKIE}=; Path=/ui; HttpOnly; SameSite=Strict; Max-Age=0`
