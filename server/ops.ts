/**
 * `/healthz` (the process is up), `/readyz` (store writable, flows loaded) and `/metrics`, which
 * names the flows and their traffic: with a metrics token it needs `Authorization: Bearer <token>`.
 */
import { type Request, Router } from 'express'
import type { FlowPlan } from '../engine/check.ts'
import { headerValue, secretMatches, sendError } from '../web/http.ts'
import type { Store } from '../store/index.ts'
import type { FlowSet } from './flows.ts'
import type { Metrics } from './metrics.ts'

export interface OpsOptions {
  /** A flow's connections, each `ok` or why it cannot be used (shown by /readyz). */
  connections: (plan: FlowPlan) => Record<string, string>
  /** When set, /metrics answers only a caller that sends it (Bearer). */
  metricsToken?: string
}

export function opsRoutes(store: Store, flows: FlowSet, metrics: Metrics, o: OpsOptions): Router {
  const { metricsToken } = o
  /** Flow names and their traffic are for operators: with a metrics token, only callers who send it see them. */
  const operator = (req: Request) => {
    if (metricsToken === undefined) return true
    const header = headerValue(req, 'authorization') ?? ''
    return secretMatches(/^bearer /i.test(header) ? header.slice('bearer '.length).trim() : undefined, metricsToken)
  }
  const router = Router()
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true })
  })
  router.get('/readyz', async (req, res) => {
    const store_ = await store.ping().then(
      () => 'ok',
      (err: unknown) => (err as Error).message,
    )
    const ready = store_ === 'ok' && flows.loaded
    // a missing connection fails that flow's runs, not the engine: shown here, ready all the same
    const used: Record<string, Record<string, string>> = {}
    for (const f of flows.all()) {
      const c = o.connections(f.plan)
      if (Object.keys(c).length > 0) used[f.slug] = c
    }
    const missing = Object.values(used).reduce((n, c) => n + Object.values(c).filter((status) => status !== 'ok').length, 0)
    const body = { ready, store: store_, flows: flows.loaded ? flows.size : 'not loaded', connectionsNotUsable: missing, ...(operator(req) && { connections: used }) }
    res.status(ready ? 200 : 503).json(body)
  })
  router.get('/metrics', async (req, res) => {
    if (!operator(req)) {
      res.setHeader('www-authenticate', 'Bearer realm="cardflow metrics"')
      return sendError(res, 401, 'missing or wrong metrics token')
    }
    res.setHeader('content-type', metrics.registry.contentType)
    res.send(await metrics.registry.metrics())
  })
  return router
}
