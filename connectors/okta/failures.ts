/**
 * How Okta's failures read for the engine's one retry policy. Okta answers a rate limit with 429
 * and `X-Rate-Limit-Reset` (UTC epoch seconds when the window resets) rather than Retry-After;
 * the wait is measured against Okta's own clock (the response's `Date`), so a skewed local
 * clock neither hammers Okta nor sleeps for an hour.
 */
import { byStatus, type Failure } from '../../engine/failures.ts'
import { OktaApiError } from './client.ts'
import { OktaPathError } from './path.ts'

export function classifyOktaFailure(err: unknown, now = Date.now()): Failure | undefined {
  if (err instanceof OktaPathError) return { kind: 'rejected', detail: err.message }
  if (!(err instanceof OktaApiError)) return undefined
  return byStatus(err.status, err.message, err.serviceCode, err.status === 429 ? rateLimitWait(err, now) : err.retryAfter)
}

/** Seconds until Okta's rate-limit window resets, the reset second included. */
export function rateLimitWait(err: OktaApiError, now = Date.now()): number | undefined {
  if (err.retryAfter !== undefined) return err.retryAfter
  if (err.rateLimitReset === undefined) return undefined
  const serverSeconds = Math.floor((err.serverTime ?? now) / 1000)
  return Math.max(1, err.rateLimitReset - serverSeconds + 1)
}
