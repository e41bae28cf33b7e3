/**
 * The hosted engine: intake (Okta event hooks, API Endpoint calls) in front of the store, and a
 * worker pool behind it. `createServer` loads the flows and the store; `listen` opens the port
 * and starts the workers; `close` stops intake, lets running runs finish (bounded) and closes.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'
import type { DestinationStream } from 'pino'
import type { ConnectionProvider } from '../engine/connector-call.ts'
import { ConfigError } from '../engine/errors.ts'
import type { Registry } from '../engine/registry.ts'
import { connectionReport } from '../engine/connections.ts'
import type { RetentionPolicy, Store } from '../store/index.ts'
import { FlowSet } from './flows.ts'
import { apiRoutes } from './api.ts'
import { delegatedRoutes } from './delegated.ts'
import { type HookSecret, mountHookRoutes } from './hooks.ts'
import { errorHandler, sendError } from '../web/http.ts'
import { createLog, type Log, type LogFormat } from './log.ts'
import { createMetrics, type Metrics } from './metrics.ts'
import { opsRoutes } from './ops.ts'
import { Scheduler } from './scheduler.ts'
import { Worker } from './worker.ts'
import { checkUiAuth, type UiAuth } from '../ui/auth.ts'
import { mountUi } from '../ui/mount.ts'
import { tableProvider } from '../store/table-provider.ts'

export interface ServerOptions {
  flowsDir: string
  /** The cards and triggers flows may use (`cards/index.ts`). */
  registry: Registry
  /** The store (see `openStore`); the engine closes it when it closes. */
  store: Store
  hookSecret?: HookSecret
  /** Serve `/hooks/okta` without a secret; without either, createServer refuses. */
  publicHooks?: boolean
  /** Client tokens of API Endpoint flows by flow file name, or a lookup. */
  clientTokens?: Record<string, string> | ((slug: string) => string | undefined)
  connections?: ConnectionProvider
  /** Runs at once; 0 only stores (no run starts). Default 64. */
  concurrency?: number
  /**
   * How long a delivery that finds every worker busy waits for one before its runs are queued
   * (server/worker.ts, `reserve`); 0 queues them at once. Default 250 ms.
   */
  workerWaitMs?: number
  /** A pino level; default LOG_LEVEL or `info`. */
  logLevel?: string
  /** `pretty` for a person at a terminal, `json` (default) for machines. */
  logFormat?: LogFormat
  /** Record connector requests in history instead of sending them (a first run without any connection). */
  dryRun?: boolean
  log?: Log
  /** Where log lines go (default stdout). */
  logDestination?: DestinationStream
  maxBodyBytes?: number
  maxEventsPerDelivery?: number
  retention?: Partial<RetentionPolicy>
  maxAttempts?: number
  retryBaseMs?: number
  leaseMs?: number
  pollMs?: number
  syncTimeoutMs?: number
  /** Reload flows when a file of the flows directory changes. */
  watch?: boolean
  /** Credentials of the web UI at /ui; without one it is not mounted (unless `public`). */
  ui?: UiAuth
  /** `/metrics` then needs `Authorization: Bearer <token>`. */
  metricsToken?: string
  /** Sync API Endpoint calls running at once, beside the worker pool; past it callers get 503. Default 4. */
  apiConcurrency?: number
  /** Async API Endpoint calls stored and not yet ended; past it callers get 429. Default 200. */
  maxQueuedApiCalls?: number
  /** How often finished runs past the retention policy are pruned. Default 10 minutes. */
  pruneEveryMs?: number
  /**
   * The proxies whose `X-Forwarded-For` gives the caller's address in logs: Express's `trust
   * proxy` list (addresses, subnets, `loopback`, `uniquelocal`). Unset: the connection's address.
   */
  trustProxy?: string
  /** The clock scheduled slots are read against; default the system's. */
  now?: () => Date
  /** How often due scheduled slots are looked for. Default 1 s. */
  scheduleEveryMs?: number
  /** Tokens of `flow run` (delegated flows), besides the web UI credential. */
  delegateTokens?: readonly string[]
}

/** How long an idle keep-alive connection is kept open (longer than common load balancers' 60 s). */
const KEEP_ALIVE_MS = 65_000

export const DEFAULTS = {
  // Runs are I/O-bound: each waits for its claim, its step journal and its end to be fsynced, and
  // for the connector's answer, using little CPU meanwhile. A pool this size keeps a 2-core box
  // busy (bench/end-to-end: 4 → 32 workers was 1.6x the events/s, 32 → 64 1.12x in each of three
  // rounds: under load more runs go straight to a worker instead of through the queue; 128 was
  // not faster in every round and holds twice the calls to services at once).
  concurrency: 64,
  // A delivery that finds every worker busy waits this long for one (Okta waits 3 s for the
  // answer): under load, runs go to workers as they free rather than through the queue.
  workerWaitMs: 250,
  maxBodyBytes: 1024 * 1024,
  maxEventsPerDelivery: 500,
  retention: { maxAgeMs: 30 * 24 * 3600 * 1000, maxRuns: 10_000 },
  maxAttempts: 5,
  retryBaseMs: 2000,
  retryMaxMs: 5 * 60 * 1000,
  leaseMs: 60_000,
  pollMs: 1000,
  syncTimeoutMs: 60_000,
  pruneEveryMs: 10 * 60 * 1000,
  apiConcurrency: 4,
  maxQueuedApiCalls: 200,
  scheduleEveryMs: 1000,
} as const

export { ConfigError }

export interface Engine {
  readonly store: Store
  readonly flows: FlowSet
  readonly log: Log
  readonly metrics: Metrics
  /** The worker pool (runs a claimed run with `execute`). */
  readonly worker: Worker
  /** Fires scheduled flows (`tick` fires what is due now). */
  readonly scheduler: Scheduler
  /** Opens the port (0 picks one) and starts the workers. Resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>
  /** Stops intake, waits at most `graceMs` for running runs, closes the store. */
  close(graceMs?: number): Promise<void>
}

/**
 * Each served flow's connections, one log line per flow, a warning for each that cannot be used:
 * a first `flow serve` says up front what to set instead of failing every run later.
 */
function reportConnections(flows: FlowSet, connections: ConnectionProvider | undefined, log: Log): void {
  for (const f of flows.all()) {
    const report = connectionReport(f.plan, connections)
    const missing = Object.entries(report).filter(([, status]) => status !== 'ok')
    if (Object.keys(report).length === 0) continue
    if (missing.length === 0) log.info({ flow: f.slug, connections: report }, `flow ${f.slug} uses ${Object.keys(report).join(', ')}: configured`)
    for (const [name, why] of missing) {
      log.warn({ flow: f.slug, connection: name }, `flow ${f.slug} needs connection ${name}, which is not usable: ${why}; its runs will fail until then (or serve with --dry-run to record requests instead of sending them)`)
    }
  }
}

function tokenLookup(tokens: ServerOptions['clientTokens']): (slug: string) => string | undefined {
  if (typeof tokens === 'function') return tokens
  return (slug) => (tokens && Object.hasOwn(tokens, slug) ? tokens[slug] : undefined)
}

/** Only named proxies: trusting every hop would let any caller write the address that is logged. */
function trustedProxies(list: string): string[] {
  const entries = list.split(',').map((e) => e.trim()).filter((e) => e !== '')
  if (entries.some((e) => /^(true|\*|0\.0\.0\.0\/0|::\/0)$/i.test(e))) {
    throw new ConfigError('--trust-proxy names the proxies in front of the engine (addresses or subnets such as 10.0.0.0/24, or loopback); trusting every address would let any caller choose the address that is logged')
  }
  return entries
}

export async function createServer(o: ServerOptions): Promise<Engine> {
  if (o.ui) checkUiAuth(o.ui)
  if (!o.hookSecret && !o.publicHooks) {
    throw new ConfigError('no Okta event hook secret: set OKTA_HOOK_SECRET (and OKTA_HOOK_HEADER when it is not Authorization), or pass --public-hooks to accept unauthenticated deliveries')
  }
  const clientToken = tokenLookup(o.clientTokens)
  let served: FlowSet | undefined
  /** Every secret the engine knows: none reaches history, logs or the store, raw or encoded. */
  const secrets = () =>
    [o.hookSecret?.value ?? '', ...(o.connections?.secrets() ?? []), ...(served?.all().flatMap((f) => clientToken(f.slug) ?? []) ?? []), o.metricsToken ?? '', o.ui?.token ?? '', o.ui?.basic?.password ?? '', ...(o.delegateTokens ?? [])].filter((s) => s !== '')
  const log = o.log ?? createLog({ ...(o.logLevel && { level: o.logLevel }), ...(o.logDestination && { destination: o.logDestination }), ...(o.logFormat && { format: o.logFormat }), secrets })
  const flows = new FlowSet(o.flowsDir, log, o.registry)
  served = flows
  await flows.load()
  const store = o.store
  // A store this engine owns alone: whatever it had claimed when it stopped runs again now. A
  // shared store has no such reset (the runs may be another engine's): their leases give them back.
  const reset = store.resetInFlight ? await store.resetInFlight() : 0
  if (reset > 0) log.warn({ runs: reset }, 'runs interrupted by the last stop will run again')
  for (const f of flows.all()) {
    if (f.http && !f.http.public && !clientToken(f.slug)) {
      log.warn({ flow: f.slug }, `API Endpoint flow ${f.slug} has no client token configured; every call is refused`)
    }
  }
  const delegateTokens = (o.delegateTokens ?? []).filter((t) => t !== '')
  for (const f of flows.all()) {
    if (f.delegated && delegateTokens.length === 0 && !o.ui?.token && !o.ui?.basic) {
      log.warn({ flow: f.slug }, `delegated flow ${f.slug} can be run by nobody: set CARDFLOW_DELEGATE_TOKEN or a web UI credential`)
    }
  }
  if (o.dryRun) log.warn({}, 'dry run: connector requests are recorded in each run\'s history and not sent')
  else reportConnections(flows, o.connections, log)
  const metrics = createMetrics(store, () => worker.waitingDeliveries)
  const leaseMs = o.leaseMs ?? DEFAULTS.leaseMs
  const worker = new Worker({
    store,
    flows,
    log,
    metrics,
    connections: o.connections,
    tables: tableProvider(store, () => flows.tables),
    dryRun: o.dryRun ?? false,
    secrets,
    concurrency: o.concurrency ?? DEFAULTS.concurrency,
    // an engine alone on its SQLite file sees every enqueue; engines sharing a database do not
    ownQueue: store.resetInFlight !== undefined,
    leaseMs,
    pollMs: o.pollMs ?? DEFAULTS.pollMs,
    maxAttempts: o.maxAttempts ?? DEFAULTS.maxAttempts,
    retryBaseMs: o.retryBaseMs ?? DEFAULTS.retryBaseMs,
    retryMaxMs: DEFAULTS.retryMaxMs,
  })
  const scheduler = new Scheduler({ store, flows, log, now: o.now ?? (() => new Date()), everyMs: o.scheduleEveryMs ?? DEFAULTS.scheduleEveryMs, onEnqueued: () => worker.wake() })
  const maxBodyBytes = o.maxBodyBytes ?? DEFAULTS.maxBodyBytes
  const app = express()
  app.disable('x-powered-by')
  if (o.trustProxy) app.set('trust proxy', trustedProxies(o.trustProxy))
  // the hook's route first: every delivery goes through the routers mounted before it
  mountHookRoutes(app, {
    store,
    flows,
    log,
    metrics,
    hookSecret: o.hookSecret,
    maxBodyBytes,
    maxEventsPerDelivery: o.maxEventsPerDelivery ?? DEFAULTS.maxEventsPerDelivery,
    secrets,
    onEnqueued: () => worker.wake(),
    workers: worker,
    workerWaitMs: o.workerWaitMs ?? DEFAULTS.workerWaitMs,
  })
  app.use(opsRoutes(store, flows, metrics, { connections: (plan) => (o.dryRun ? {} : connectionReport(plan, o.connections)), ...(o.metricsToken && { metricsToken: o.metricsToken }) }))
  app.use(
    apiRoutes({
      store,
      flows,
      worker,
      log,
      clientToken,
      secrets,
      maxBodyBytes,
      syncTimeoutMs: o.syncTimeoutMs ?? DEFAULTS.syncTimeoutMs,
      leaseMs,
      maxSyncCalls: o.apiConcurrency ?? DEFAULTS.apiConcurrency,
      maxQueuedCalls: o.maxQueuedApiCalls ?? DEFAULTS.maxQueuedApiCalls,
    }),
  )
  app.use(delegatedRoutes({ store, flows, log, ui: o.ui, delegateTokens, maxBodyBytes, onEnqueued: () => worker.wake() }))
  mountUi(app, { store, flows, log, auth: o.ui, wake: () => worker.wake() })
  // what no route answers gets a JSON error too, never express's HTML page
  app.use((_req, res) => sendError(res, 404, 'not found'))
  app.use(errorHandler(log))

  const retention: RetentionPolicy = { ...DEFAULTS.retention, ...o.retention }
  let pruning: Promise<unknown> | undefined
  // one prune at a time (a long one is not joined by the next tick's); with several engines on
  // one store, one engine at a time: the others skip that turn
  const prune = () => {
    if (pruning) return pruning
    pruning = store
      .exclusive('retention', async () => {
        const n = await store.prune(retention)
        if (n > 0) log.info({ runs: n }, 'pruned old history')
      })
      .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'pruning history failed'))
      .finally(() => {
        pruning = undefined
      })
    return pruning
  }
  let server: Server | undefined
  let pruneTimer: NodeJS.Timeout | undefined
  let unwatch: (() => void) | undefined

  return {
    store,
    flows,
    log,
    metrics,
    worker,
    scheduler,
    async listen(port, host = '127.0.0.1') {
      server = await new Promise<Server>((resolve, reject) => {
        const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)))
      })
      // Idle keep-alive sockets outlive the caller's (and a load balancer's, often 60 s) idle
      // timeout, so a caller never sends on a socket the server is closing: with Node's 5 s,
      // a busy engine reset requests that callers had just written.
      server.keepAliveTimeout = KEEP_ALIVE_MS
      server.headersTimeout = KEEP_ALIVE_MS + 1000
      const { port: actual } = server.address() as AddressInfo
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`
      log.info({ url, hooks: `${url}/hooks/okta` }, `listening on ${url}`)
      if (o.watch) flows.watch()
      await prune()
      pruneTimer = setInterval(prune, o.pruneEveryMs ?? DEFAULTS.pruneEveryMs)
      worker.start()
      await scheduler.start()
      // runs enqueued by other engines or commands wake the workers at once; polling stays the fallback
      unwatch = store.onWork?.(() => worker.wake())
      return url
    },
    async close(graceMs = 10_000) {
      clearInterval(pruneTimer)
      await scheduler.stop()
      await pruning
      unwatch?.()
      flows.close()
      const closed = server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve()
      server?.closeIdleConnections()
      await worker.stop(graceMs)
      // Let a sync request whose run just ended write its answer before connections are cut.
      await new Promise((resolve) => setImmediate(resolve))
      server?.closeAllConnections()
      await closed
      await store.close()
      log.info({}, 'stopped')
    },
  }
}
