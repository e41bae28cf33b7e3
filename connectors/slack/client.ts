/** Slack's official WebClient, with its own retries off (ours apply) and a bounded timeout. */
import { LogLevel, WebClient } from '@slack/web-api'
import { withSlash } from '../../engine/http-error.ts'
import { slackFetch } from './fetch.ts'

export interface SlackConfig {
  token: string
  /** Slack's `slackApiUrl`; default `https://slack.com/api/`. */
  apiUrl?: string
}

/** The library logs failed requests to the console itself; ours are reported as errors instead. */
const quiet = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
}

export function createSlackClient(cfg: SlackConfig, timeoutMs: number): WebClient {
  const apiUrl = cfg.apiUrl ? withSlash(cfg.apiUrl) : undefined
  return new WebClient(cfg.token, {
    ...(apiUrl && { slackApiUrl: apiUrl }),
    // Without these the default policy can hold one call for about 30 minutes.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // bounded in slackFetch instead (the client's own timeout makes an AbortSignal per call)
    timeout: 0,
    logger: quiet,
    // A method name that is an absolute URL must not send our token elsewhere.
    allowAbsoluteUrls: false,
    fetch: (input, init) => slackFetch(input, init, timeoutMs),
  })
}
