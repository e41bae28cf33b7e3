/** The one load generator of every bench: autocannon's programmatic API, on loopback only. */
import autocannon, { type Result } from 'autocannon'
import { HOOK_HEADERS } from './okta.ts'

export interface Load {
  url: string
  /** Makes the body of the next delivery (called once per request). */
  body: () => string
  connections: number
  /** Stop after this many deliveries… */
  amount?: number
  /** …or after this many seconds (the bound when no amount is given). */
  seconds?: number
  /** Deliveries per second across all connections; unset means as fast as answers come. */
  rate?: number
}

export interface LoadResult {
  sent: number
  ok: number
  failed: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
  max: number
}

const SAMPLE_MS = 20

export async function deliver(load: Load): Promise<LoadResult> {
  if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])[:/]/.test(load.url)) throw new Error(`load goes to loopback only, not ${load.url}`)
  const r: Result = await autocannon({
    url: load.url,
    connections: load.connections,
    timeout: 30,
    // autocannon ends a run at its next sample only (every second by default): a run of a given
    // amount looked up to a second longer than it was, the more for a system that answers last
    // what it finishes last (Node-RED, the limit) than for one still working after its answers
    sampleInt: SAMPLE_MS,
    ...(load.amount ? { amount: load.amount } : { duration: load.seconds ?? 10 }),
    ...(load.rate && { overallRate: load.rate }),
    requests: [{ method: 'POST', path: '/hooks/okta', headers: HOOK_HEADERS, setupRequest: (req) => ({ ...req, body: load.body() }) }],
  })
  const ok = r.statusCodeStats['200']?.count ?? 0
  const seconds = (r.finish.getTime() - r.start.getTime()) / 1000
  return {
    sent: r.requests.total,
    ok: Number(ok),
    failed: r.non2xx + r.errors,
    seconds,
    perSecond: Number(ok) / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
  }
}
