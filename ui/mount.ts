/**
 * Mounting the web UI in the engine's express app. Without a credential the UI stays off (flow
 * history holds personal data) unless it is made public on purpose, and the log says which.
 */
import type { Express } from 'express'
import type { Store } from '../store/index.ts'
import { replayRun } from '../store/replay.ts'
import { authConfigured, type UiAuth } from './auth.ts'
import { flowCatalog, type ServedSource } from './catalog.ts'
import { createUiRouter } from './router.ts'

export interface MountOptions {
  store: Store
  flows: ServedSource
  log: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void }
  auth: UiAuth | undefined
  /** Tells the worker a run was enqueued, so a replay starts now rather than at the next poll. */
  wake(): void
}

export function mountUi(app: Express, o: MountOptions): boolean {
  if (!o.auth || !authConfigured(o.auth)) {
    o.log.warn({}, 'web UI not mounted: set CARDFLOW_UI_TOKEN (or CARDFLOW_UI_USER and CARDFLOW_UI_PASSWORD), or pass --ui-public on a machine only you can reach')
    return false
  }
  const { store, wake } = o
  const how = o.auth.public && !o.auth.token && !o.auth.basic ? 'public: anyone who reaches this port reads flow history' : 'admin credentials required'
  o.log[o.auth.public ? 'warn' : 'info']({ ui: '/ui' }, `web UI at /ui (${how})`)
  app.get('/', (_req, res) => res.redirect(302, '/ui'))
  app.use(
    '/ui',
    createUiRouter({
      store,
      flows: flowCatalog(o.flows),
      auth: o.auth,
      log: o.log,
      async replay(runId) {
        const id = await replayRun(store, runId)
        wake()
        return id
      },
    }),
  )
  return true
}
