/** `/healthz` (the process is up), `/readyz` (store writable, flows loaded) and `/metrics`. */
import { Router } from 'express'
import type { FlowPlan } from '../engine/check.ts'
import type { Store } from '../store/index.ts'
import type { FlowSet } from './flows.ts'
import type { Metrics } from './metrics.ts'

/** `connections`: a flow's connections, each `ok` or why it cannot be used (shown by /readyz). */
export function opsRoutes(store: Store, flows: FlowSet, metrics: Metrics, connections: (plan: FlowPlan) => Record<string, string>): Router {
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
    // a missing connection fails that flow's runs, not the engine: shown here, ready all the same
    const used = Object.fromEntries(flows.all().map((f) => [f.slug, connections(f.plan)]).filter(([, c]) => Object.keys(c as object).length > 0))
    res.status(ready ? 200 : 503).json({ ready, store: store_, flows: flows.loaded ? flows.size : 'not loaded', connections: used })
  })
  router.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType)
    res.send(await metrics.registry.metrics())
  })
  return router
}
