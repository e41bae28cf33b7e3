/**
 * Who may read flow history (it holds personal data): an admin token (Bearer header, or a
 * cookie set by the login form) or HTTP basic credentials. Replay, the one write, also needs
 * a same-origin request carrying a CSRF token tied to the visitor's credential.
 */
import { createHmac, randomBytes } from 'node:crypto'
import type { Request } from 'express'
import { secretMatches } from '../web/http.ts'

export interface UiAuth {
  /** Admin token: `Authorization: Bearer <token>`, or typed once into the login form. */
  token?: string
  basic?: { user: string; password: string }
  /** No credential at all: only for a laptop, never for a shared server. */
  public?: boolean
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

export class Guard {
  /** Derived from the credentials, so sessions survive a restart and end when a credential changes. */
  private readonly key: Buffer

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

  /** A cookie value `issuedAt.signature`: nothing secret in it, and it expires on its own. */
  newSession(): string {
    const issued = String(this.now())
    return `${issued}.${this.sign(`session:${issued}`)}`
  }

  private sessionFrom(cookie: string | undefined): string | undefined {
    const [issued, sig] = (cookie ?? '').split('.')
    if (!issued || !sig || !/^\d+$/.test(issued)) return undefined
    if (this.now() - Number(issued) > SESSION_MS) return undefined
    return secretMatches(sig, this.sign(`session:${issued}`)) ? `session:${issued}` : undefined
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
