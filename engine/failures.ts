/**
 * Turns whatever a client library threw into one plain description, so the retry policy in
 * connector-call.ts decides the same way for every service. A connector reads its own client's
 * errors (`ConnectorSpec.classify`, built with the helpers here); what is left is read here:
 * our own HttpStatusError, aborts and network failures. Only the service's own words (status,
 * error code, message) are kept: never headers or config, which may hold tokens.
 */
import { HttpStatusError } from './http-error.ts'

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

export type Loose = Record<string, unknown>

export const isLoose = (v: unknown): v is Loose => typeof v === 'object' && v !== null
/** A non-empty string, or undefined. */
export const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

export function isAbort(err: unknown): boolean {
  if (!isLoose(err)) return false
  const name = err['name']
  return name === 'AbortError' || name === 'TimeoutError' || err['code'] === 'ABORT_ERR' || (isLoose(err['cause']) && isAbort(err['cause']))
}

export function byStatus(status: number, detail: string, serviceCode?: string, retryAfter?: number): Failure {
  const kind: FailureKind = status === 429 ? 'rate-limited' : status >= 500 ? 'server' : 'rejected'
  return { kind, status, detail, ...(serviceCode && { serviceCode }), ...(retryAfter !== undefined && { retryAfter }) }
}

/** `fetch failed: other side closed`: fetch's own message says nothing, the causes below it do. */
function causeChain(err: unknown): string {
  const messages: string[] = []
  for (let e = err, depth = 0; e !== undefined && depth < 5; e = isLoose(e) ? e['cause'] : undefined, depth++) {
    const message = e instanceof Error ? e.message : String(e)
    if (!messages.includes(message)) messages.push(message)
  }
  return messages.join(': ')
}

export function transport(err: unknown): Failure {
  return isAbort(err) ? { kind: 'timeout', detail: 'the request was aborted' } : { kind: 'network', detail: causeChain(err) }
}

export function headerOf(headers: unknown, name: string): string | undefined {
  if (!isLoose(headers)) return undefined
  if (typeof headers['get'] === 'function') return (headers as unknown as Headers).get(name) ?? undefined
  const v = headers[name] ?? headers[name.toLowerCase()]
  return typeof v === 'string' ? v : undefined
}

/** The generic reading, after the connector's own `classify` found nothing it knows. */
export function describeFailure(err: unknown): Failure {
  if (err instanceof HttpStatusError) return byStatus(err.status, err.message, err.serviceCode, err.retryAfter)
  return transport(err)
}
