/**
 * An API Connector connection as typed settings, read from its fields (all text, from the
 * connections file or `CARDFLOW_HTTP_*`). One reading for both the check that `flow validate
 * --connections` reports and the client, so they cannot disagree.
 */
import type { Fields } from '../../engine/connector.ts'

export const AUTH_KINDS = ['none', 'basic', 'bearer', 'custom', 'oauth2'] as const
export type AuthKind = (typeof AUTH_KINDS)[number]

export type Auth =
  | { kind: 'none' }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string }
  /** Okta's "Custom Header": header names (lower case) and values sent with every request. */
  | { kind: 'custom'; headers: [string, string][] }
  | { kind: 'oauth2'; tokenUrl: URL; clientId: string; clientSecret: string; scope?: string; clientAuthentication: 'basic' | 'body' }

export interface HttpSettings {
  auth: Auth
  /** Requests may only go under it (credentials stay with their service); relative card URLs resolve against it. */
  baseUrl?: URL
  /** Private, loopback and link-local targets are allowed (for services on your own network, and tests). */
  allowPrivateNetwork: boolean
  maxResponseBytes: number
}

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024

/** The settings, or the problem that keeps the connection from being used (for a message). */
export function readSettings(f: Fields): { ok: true; settings: HttpSettings } | { ok: false; problem: string } {
  try {
    return { ok: true, settings: read(f) }
  } catch (err) {
    if (err instanceof SettingsProblem) return { ok: false, problem: err.message }
    throw err
  }
}

class SettingsProblem extends Error {}

function fail(message: string): never {
  throw new SettingsProblem(message)
}

function read(f: Fields): HttpSettings {
  const kind = (f['auth'] ?? 'none') as AuthKind
  if (!AUTH_KINDS.includes(kind)) fail(`has auth "${f['auth']}"; expected one of ${AUTH_KINDS.join(', ')}`)
  const auth = readAuth(kind, f)
  const baseUrl = f['baseUrl'] === undefined ? undefined : httpUrl(f['baseUrl'], 'baseUrl')
  if (baseUrl && (baseUrl.search !== '' || baseUrl.hash !== '')) fail('has a baseUrl with a query or fragment; give the base only')
  // Credentials go only where the connection says: a URL built from event data must not carry them to another host.
  if (kind !== 'none' && !baseUrl) fail(`needs baseUrl with auth "${kind}": its credentials are sent only to URLs under it`)
  return {
    auth,
    ...(baseUrl && { baseUrl }),
    allowPrivateNetwork: yesNo(f['allowPrivateNetwork'], 'allowPrivateNetwork'),
    maxResponseBytes: f['maxResponseBytes'] === undefined ? DEFAULT_MAX_RESPONSE_BYTES : positive(f['maxResponseBytes'], 'maxResponseBytes'),
  }
}

function readAuth(kind: AuthKind, f: Fields): Auth {
  const need = (...keys: string[]) => {
    const missing = keys.filter((k) => f[k] === undefined)
    if (missing.length > 0) fail(`needs ${missing.join(' and ')} with auth "${kind}"`)
  }
  switch (kind) {
    case 'none':
      return { kind }
    case 'basic':
      need('username', 'password')
      if (f['username']!.includes(':')) fail('has a username with ":", which Basic authentication cannot carry')
      return { kind, username: f['username']!, password: f['password']! }
    case 'bearer':
      need('token')
      return { kind, token: f['token']! }
    case 'custom':
      need('headers')
      return { kind, headers: headerLines(f['headers']!) }
    case 'oauth2': {
      need('tokenUrl', 'clientId', 'clientSecret')
      const method = f['clientAuthentication'] ?? 'basic'
      if (method !== 'basic' && method !== 'body') fail(`has clientAuthentication "${method}"; expected basic or body`)
      return {
        kind,
        tokenUrl: httpUrl(f['tokenUrl']!, 'tokenUrl'),
        clientId: f['clientId']!,
        clientSecret: f['clientSecret']!,
        ...(f['scope'] !== undefined && { scope: f['scope'] }),
        clientAuthentication: method,
      }
    }
  }
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** `Name: value` per line, as in an HTTP header block. */
function headerLines(text: string): [string, string][] {
  const out: [string, string][] = []
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue
    const colon = line.indexOf(':')
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    if (colon < 1 || !TOKEN.test(name)) fail('has headers that are not "Name: value" lines')
    if (/[\0\r]/.test(value)) fail(`has a header ${name} whose value holds a control character`)
    out.push([name.toLowerCase(), value])
  }
  if (out.length === 0) fail('has no header in headers')
  return out
}

function httpUrl(text: string, key: string): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    fail(`has a ${key} that is not an absolute URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`has a ${key} that is not http or https`)
  if (url.username !== '' || url.password !== '') fail(`has a ${key} with credentials in it; use the auth fields`)
  return url
}

function yesNo(text: string | undefined, key: string): boolean {
  if (text === undefined || text === 'false') return false
  if (text === 'true') return true
  return fail(`has ${key} "${text}"; expected true or false`)
}

function positive(text: string, key: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n <= 0) fail(`has ${key} "${text}"; expected a whole number of bytes`)
  return n
}
