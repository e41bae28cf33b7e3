/** `flow serve`: the hosted engine — Okta event hooks and API Endpoint calls, stored, then run. */
import type { Command } from 'commander'
import { registry } from '../cards/index.ts'
import { eventInputsOf } from '../engine/input.ts'
import { loadConnections } from '../connectors/index.ts'
import { describeStoreUrl, openStore, type Store, storeUrlFrom } from '../store/index.ts'
import { defaultLogFormat, type LogFormat } from '../server/log.ts'
import { ConfigError, createServer, DEFAULTS, type Engine } from '../server/server.ts'
import { checkUiAuth, type UiAuth } from '../ui/auth.ts'
import { EXIT } from './common.ts'
import { parseDuration } from './history.ts'

interface ServeFlags {
  flows: string
  store?: string
  data?: string
  port: string
  host: string
  connections?: string
  concurrency: string
  workerWait: string
  publicHooks?: boolean
  keep: string
  keepRuns: string
  lease: string
  trustProxy?: string
  watch: boolean
  logLevel?: string
  uiToken?: string
  uiPublic?: boolean
  dryRun?: boolean
  logFormat?: string
  apiConcurrency: string
  pruneEvery: string
}

const SHUTDOWN_GRACE_MS = 10_000
/** Okta waits 3 s for a delivery's answer: the wait for a worker leaves a second to store it. */
const MAX_WORKER_WAIT_MS = 2000

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('receive Okta event hooks and API Endpoint calls, store them, and run the matching flows')
    .option('--flows <dir>', 'directory of flow files', 'flows')
    .option('--store <url>', 'the store: sqlite:<file> (default sqlite:.cardflow/cardflow.db, or CARDFLOW_STORE), or postgres://user@host:port/db shared by several engines')
    .option('--data <dir>', 'short for --store sqlite:<dir>/cardflow.db')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--connections <file>', 'connections file (default CARDFLOW_CONNECTIONS or cardflow.connections.yaml)')
    .option('--concurrency <n>', 'runs at once (0: store only, run nothing)', String(DEFAULTS.concurrency))
    .option('--worker-wait <ms>', `how long a delivery that finds every worker busy waits for one before its runs are queued (0 to ${MAX_WORKER_WAIT_MS})`, String(DEFAULTS.workerWaitMs))
    .option('--public-hooks', 'accept event hook deliveries without a secret header')
    .option('--keep <duration>', 'keep run history this long (e.g. 30d, 12h)', '30d')
    .option('--keep-runs <n>', 'keep at most this many finished runs', String(DEFAULTS.retention.maxRuns))
    .option('--prune-every <duration>', 'how often history past --keep and --keep-runs is pruned', '10m')
    .option('--api-concurrency <n>', 'sync API Endpoint calls at once, beside --concurrency (past it: 503 with Retry-After)', String(DEFAULTS.apiConcurrency))
    .option('--lease <duration>', 'how long a run stays claimed without a renewal before another engine may take it over', '60s')
    .option('--trust-proxy <list>', 'proxies whose X-Forwarded-For gives the caller address in logs: addresses or subnets, comma-separated (default CARDFLOW_TRUST_PROXY; none)')
    .option('--no-watch', 'do not reload flows when their files change')
    .option('--ui-token <token>', 'admin token of the web UI at /ui (default CARDFLOW_UI_TOKEN; basic auth: CARDFLOW_UI_USER and CARDFLOW_UI_PASSWORD)')
    .option('--ui-public', 'serve the web UI without credentials (only on a machine only you can reach)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug or silent (default LOG_LEVEL or info)')
    .option('--log-format <format>', 'pretty (readable lines) or json; default pretty on a terminal, json otherwise')
    .option('--dry-run', 'record the requests connector cards would send in each run\'s history instead of sending them')
    .action(async (flags: ServeFlags) => {
      process.exitCode = await serve(flags)
    })
}

function count(value: string, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`
    throw new ConfigError(`--${name} must be a whole number ${range} (got "${value}")`)
  }
  return n
}

async function serve(flags: ServeFlags): Promise<number> {
  let engine: Engine
  let store: Store | undefined
  // a SIGTERM that arrives while the engine starts is held until it can stop cleanly
  const signalled = firstSignal()
  try {
    const connections = loadConnections(flags.connections === undefined ? {} : { file: flags.connections })
    const hookSecret = connections.hookSecret()
    const url = storeUrlFrom(flags)
    const concurrency = count(flags.concurrency, 'concurrency', 0)
    const retention = { maxAgeMs: parseDuration(flags.keep, '--keep'), maxRuns: count(flags.keepRuns, 'keep-runs', 1) }
    const trustProxy = flags.trustProxy ?? process.env.CARDFLOW_TRUST_PROXY
    const leaseMs = parseDuration(flags.lease, '--lease')
    if (leaseMs < 1000) throw new ConfigError(`--lease must be at least 1s (got "${flags.lease}")`)
    const ui = uiAuth(flags)
    const metricsToken = process.env.CARDFLOW_METRICS_TOKEN
    const delegateToken = process.env.CARDFLOW_DELEGATE_TOKEN
    const pruneEveryMs = parseDuration(flags.pruneEvery, '--prune-every')
    // an engine that runs nothing never claims: it keeps no queued run's input for a claim
    store = await openStore(url, { eventInputs: eventInputsOf(registry), ...(concurrency === 0 && { keptInputs: 0 }) })
    engine = await createServer({
      flowsDir: flags.flows,
      registry,
      store,
      connections,
      clientTokens: (slug) => connections.clientToken(slug),
      concurrency,
      workerWaitMs: count(flags.workerWait, 'worker-wait', 0, MAX_WORKER_WAIT_MS),
      retention,
      pruneEveryMs,
      apiConcurrency: count(flags.apiConcurrency, 'api-concurrency', 1),
      ...(metricsToken && { metricsToken }),
      ...(delegateToken && { delegateTokens: [delegateToken] }),
      leaseMs,
      watch: flags.watch,
      ...(trustProxy && { trustProxy }),
      ...(hookSecret && { hookSecret }),
      ...(flags.publicHooks && { publicHooks: true }),
      ...(flags.logLevel && { logLevel: flags.logLevel }),
      logFormat: logFormat(flags.logFormat),
      ...(flags.dryRun && { dryRun: true }),
      ui,
    })
    engine.log.info({ store: describeStoreUrl(url) }, `store: ${describeStoreUrl(url)}`)
    await engine.listen(count(flags.port, 'port', 0), flags.host)
  } catch (err) {
    await store?.close()
    process.stderr.write(`flow serve: ${(err as Error).message}\n`)
    return EXIT.invalid
  }
  const signal = await signalled
  engine.log.info({ signal }, 'stopping: no new requests, waiting for running runs')
  await engine.close(SHUTDOWN_GRACE_MS).catch((err: unknown) => engine.log.error({ err: (err as Error).message }, 'stopping failed'))
  // A card that ignored the cancel may still hold a timer; the engine is closed, so leave now.
  process.exit(EXIT.ok)
}

function logFormat(value: string | undefined): LogFormat {
  if (value === undefined) return defaultLogFormat()
  if (value !== 'json' && value !== 'pretty') throw new ConfigError(`--log-format must be pretty or json (got "${value}")`)
  return value
}

/** Web UI credentials from the flags and the environment; a half-configured basic login is an error. */
function uiAuth(flags: ServeFlags): UiAuth {
  const token = flags.uiToken ?? process.env.CARDFLOW_UI_TOKEN
  const user = process.env.CARDFLOW_UI_USER
  const password = process.env.CARDFLOW_UI_PASSWORD
  if (Boolean(user) !== Boolean(password)) throw new ConfigError('set both CARDFLOW_UI_USER and CARDFLOW_UI_PASSWORD for the web UI, or neither')
  const auth: UiAuth = { ...(token && { token }), ...(user && password && { basic: { user, password } }), ...(flags.uiPublic && { public: true }) }
  checkUiAuth(auth)
  return auth
}

/** SIGTERM or SIGINT, from the moment `flow serve` starts: the engine stops intake, lets running runs finish (bounded), then exits 0. */
function firstSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGTERM', resolve)
    process.once('SIGINT', resolve)
  })
}
