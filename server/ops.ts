/**
 * `/healthz` (the process is up), `/readyz` (store writable, flows loaded) and `/metrics`, which
 * names the flows and their traffic: with a metrics token it needs `Authorization: Bearer <token>`.
 */
import { Router } from 'express'
import { headerValue, secretMatches, sendError } from '../web/http.ts'
import type { Store } from '../store/index.ts'
import type { FlowSet } from './flows.ts'
import type { Metrics } from './metrics.ts'

export function opsRoutes(store: Store, flows: FlowSet, metrics: Metrics, metricsToken?: string): Router {
  const router = Router()
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true })
  })
  router.get('/readyz', async (_req, res) => {
    const store_ = await store.ping().then(
      () => 'ok',
      (err: unknown) => (err as Error).message,
    )
    const ready = store_ === 'ok' && flows.loaded
    res.status(ready ? 200 : 503).json({ ready, store: store_, flows: flows.loaded ? flows.size : 'not loaded' })
  })
  router.get('/metrics', async (req, res) => {
    if (metricsToken !== undefined) {
      const header = headerValue(req, 'authorization') ?? ''
      const given = /^bearer /i.test(header) ? header.slice('bearer '.length).trim() : undefined
      if (!secretMatches(given, metricsToken)) {
        res.setHeader('www-authenticate', 'Bearer realm="cardflow metrics"')
        return sendError(res, 401, 'missing or wrong metrics token')
      }
    }
    res.setHeader('content-type', metrics.registry.contentType)
    res.send(await metrics.registry.metrics())
  })
  return router
}
