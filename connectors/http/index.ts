/**
 * API Connector: plain HTTP APIs that have no connector of their own. A connection names its
 * auth type (none, basic, bearer, custom headers, OAuth 2.0 client credentials), the baseUrl
 * its credentials are bound to, and whether private networks may be reached. See
 * docs/connections.md.
 */
import { defineConnector, type FieldSpec } from '../../engine/connector.ts'
import { type Failure, isLoose } from '../../engine/failures.ts'
import { TargetRefusedError } from './agent.ts'
import { createHttpClient, type HttpClient } from './client.ts'
import { AUTH_KINDS, readSettings } from './settings.ts'
import { ResponseTooLargeError } from './wire.ts'

export type { ApiAnswer, ApiRequest, HttpClient, HttpMethod } from './client.ts'

const field = (key: string, description: string, secret = false): FieldSpec => ({
  key,
  env: `CARDFLOW_HTTP_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
  description,
  ...(secret && { secret }),
})

export const http = defineConnector<HttpClient>({
  name: 'http',
  title: 'API Connector',
  fields: [
    field('auth', `How requests are authenticated: ${AUTH_KINDS.join(', ')}.`),
    field('baseUrl', 'Requests may only go under this URL, and a card may give a path (`/users`) relative to it. Required unless auth is none.'),
    field('username', 'Basic: the user name.'),
    field('password', 'Basic: the password.', true),
    field('token', 'Bearer: the token, sent as `Authorization: Bearer …`.', true),
    field('headers', 'Custom: the headers sent with every request, one `Name: value` per line.', true),
    field('tokenUrl', 'OAuth 2.0 client credentials: the token endpoint.'),
    field('clientId', 'OAuth 2.0: the client id.'),
    field('clientSecret', 'OAuth 2.0: the client secret.', true),
    field('scope', 'OAuth 2.0: the scopes asked for, separated by spaces.'),
    field('clientAuthentication', 'OAuth 2.0: how the client authenticates to the token endpoint, `basic` (default) or `body`.'),
    field('allowPrivateNetwork', '`true` lets requests reach private, loopback and link-local addresses (default `false`).'),
    field('maxResponseBytes', 'The largest answer read, in bytes (default 10485760).'),
  ],
  needs: [['auth']],
  check: (fields) => {
    const read = readSettings(fields)
    return read.ok ? undefined : read.problem
  },
  createClient: (fields, policy, hooks) => {
    const read = readSettings(fields)
    if (!read.ok) throw new TargetRefusedError(read.problem)
    return createHttpClient(read.settings, { timeoutMs: policy.timeoutMs, addSecret: hooks.addSecret })
  },
  classify: classifyHttpFailure,
})

/** A refused target and an answer past the size limit are refusals: sending again would change nothing. */
export function classifyHttpFailure(err: unknown): Failure | undefined {
  for (let e = err, depth = 0; isLoose(e) && depth < 5; e = e['cause'], depth++) {
    if (e instanceof TargetRefusedError) return { kind: 'rejected', detail: `refused: ${e.message}` }
    if (e instanceof ResponseTooLargeError) return { kind: 'rejected', detail: e.message }
    const code = e['code']
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      return { kind: 'timeout', detail: 'no answer in time' }
    }
  }
  return undefined
}
