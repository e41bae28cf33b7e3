/**
 * Turns whatever a client library threw into one plain description, so the retry policy in
 * connector-call.ts decides the same way for Slack, Google, Microsoft Graph and Okta.
 * Only the service's own words (status, error code, message) are kept: never headers or config,
 * which may hold tokens.
 */
import { ErrorCode } from '@slack/web-api'
import { HttpStatusError, parseRetryAfter } from './http-error.ts'

export type FailureKind = 'rate-limited' | 'server' | 'network' | 'timeout' | 'rejected'

export interface Failure {
  kind: FailureKind
  status?: number
  /** The service's own error code: `channel_not_found`, `E0000007`, `invalid_grant`… */
  serviceCode?: string
  /** Short human text from the service (or the transport). */
  detail: string
  /** Seconds the service asked us to wait (429 `Retry-After`). */
  retryAfter?: number
  /** A refusal that may still pass later (Slack `ok:false` with `internal_error` and the like). */
  transient?: boolean
}

/** Slack says these with `ok:false`; they describe Slack's trouble, not ours. */
const SLACK_TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited'])

type Loose = Record<string, unknown>

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

export function isAbort(err: unknown): boolean {
  if (!isObject(err)) return false
  const name = err['name']
  return name === 'AbortError' || name === 'TimeoutError' || err['code'] === 'ABORT_ERR' || (isObject(err['cause']) && isAbort(err['cause']))
}

function byStatus(status: number, detail: string, serviceCode?: string, retryAfter?: number): Failure {
  const kind: FailureKind = status === 429 ? 'rate-limited' : status >= 500 ? 'server' : 'rejected'
  return { kind, status, detail, ...(serviceCode && { serviceCode }), ...(retryAfter !== undefined && { retryAfter }) }
}

/** `fetch failed: other side closed`: fetch's own message says nothing, the causes below it do. */
function causeChain(err: unknown): string {
  const messages: string[] = []
  for (let e = err, depth = 0; e !== undefined && depth < 5; e = isObject(e) ? e['cause'] : undefined, depth++) {
    const message = e instanceof Error ? e.message : String(e)
    if (!messages.includes(message)) messages.push(message)
  }
  return messages.join(': ')
}

function transport(err: unknown): Failure {
  return isAbort(err) ? { kind: 'timeout', detail: 'the request was aborted' } : { kind: 'network', detail: causeChain(err) }
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!isObject(headers)) return undefined
  if (typeof headers['get'] === 'function') return (headers as unknown as Headers).get(name) ?? undefined
  const v = headers[name] ?? headers[name.toLowerCase()]
  return typeof v === 'string' ? v : undefined
}

function slackFailure(err: Loose): Failure | undefined {
  switch (err['code']) {
    case ErrorCode.RateLimitedError:
      return { kind: 'rate-limited', status: 429, detail: 'rate limited', retryAfter: Number(err['retryAfter']) || 0 }
    case ErrorCode.PlatformError: {
      const code = text(isObject(err['data']) ? err['data']['error'] : undefined) ?? 'unknown_error'
      return { kind: 'rejected', status: 200, serviceCode: code, detail: code, ...(SLACK_TRANSIENT.has(code) && { transient: true }) }
    }
    case ErrorCode.HTTPError:
      return byStatus(Number(err['statusCode']), `HTTP ${err['statusCode']}`, undefined, parseRetryAfter(headerOf(err['headers'], 'retry-after')))
    case ErrorCode.RequestError:
      return transport(err['original'])
    default:
      return undefined
  }
}

/** Google's error bodies: `{error: {code, message, status}}` from APIs, `{error, error_description}` from OAuth. */
function googleFailure(err: Loose): Failure | undefined {
  const response = err['response']
  if (!isObject(response) || typeof response['status'] !== 'number') return undefined
  const data = response['data']
  const body = isObject(data) ? data['error'] : undefined
  let code: string | undefined
  let message: string | undefined
  if (isObject(body)) {
    code = text(body['status']) ?? text(Array.isArray(body['errors']) && isObject(body['errors'][0]) ? body['errors'][0]['reason'] : undefined)
    message = text(body['message'])
  } else if (isObject(data)) {
    code = text(body)
    message = text(data['error_description'])
  }
  const detail = [`HTTP ${response['status']}`, code, message].filter(Boolean).join(' ')
  return byStatus(response['status'], detail, code, parseRetryAfter(headerOf(response['headers'], 'retry-after')))
}

/** Graph's GraphError: `statusCode` -1 means no response (network, abort). */
function graphFailure(err: Loose): Failure | undefined {
  if (typeof err['statusCode'] !== 'number' || !('requestId' in err)) return undefined
  const status = err['statusCode']
  if (status < 0) return isAbort(err) || err['code'] === 'AbortError' || err['code'] === 'TimeoutError' ? { kind: 'timeout', detail: 'the request was aborted' } : transport(err)
  const code = text(err['code'])
  const detail = [`HTTP ${status}`, code, text(err['message'])].filter(Boolean).join(' ')
  return byStatus(status, detail, code, parseRetryAfter(headerOf(err['headers'], 'retry-after')))
}

export function describeFailure(err: unknown): Failure {
  if (err instanceof HttpStatusError) return byStatus(err.status, err.message, err.serviceCode, err.retryAfter)
  if (!isObject(err)) return transport(err)
  return slackFailure(err) ?? graphFailure(err) ?? googleFailure(err) ?? transport(err)
}
