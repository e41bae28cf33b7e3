/** The errors of @slack/web-api: rate limits, `ok:false` refusals, HTTP statuses and transport failures. */
import { ErrorCode } from '@slack/web-api'
import { byStatus, type Failure, headerOf, isLoose, text, transport } from '../../engine/failures.ts'
import { parseRetryAfter } from '../../engine/http-error.ts'

/** Slack says these with `ok:false`; they describe Slack's trouble, not ours. */
const SLACK_TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited'])

export function classifySlackFailure(err: unknown): Failure | undefined {
  if (!isLoose(err)) return undefined
  switch (err['code']) {
    case ErrorCode.RateLimitedError:
      return { kind: 'rate-limited', status: 429, detail: 'rate limited', retryAfter: Number(err['retryAfter']) || 0 }
    case ErrorCode.PlatformError: {
      const code = text(isLoose(err['data']) ? err['data']['error'] : undefined) ?? 'unknown_error'
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
