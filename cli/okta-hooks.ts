/**
 * `flow okta hooks plan|apply`: the Okta event hook that sends the served flows' events to
 * `flow serve`, computed from the flow files and compared with the one registered in the org.
 * The two subcommands share what is read here: the flows, the connection, the secret, the hook.
 */
import type { Command } from 'commander'
import { registry } from '../cards/index.ts'
import { type Connections, loadConnections } from '../connectors/index.ts'
import { type EventHook, type EventHooksApi, eventHooksApi, type HookSend } from '../connectors/okta/event-hooks.ts'
import { type DesiredHook, desiredHook, diffHook, type HookDiff, type ServedFlow } from '../connectors/okta/hook-plan.ts'
import { okta } from '../connectors/okta/index.ts'
import { performCall } from '../engine/connector-call.ts'
import { ConfigError, type CardflowError } from '../engine/errors.ts'
import { flowFilesIn, loadFlowFile } from '../engine/load.ts'
import { registerHooksApply } from './okta-hooks-apply.ts'
import { registerHooksPlan } from './okta-hooks-plan.ts'

/** Where a subcommand writes: stdout and stderr, or a test's buffers. */
export interface Out {
  out(text: string): void
  err(text: string): void
}

export const STDIO: Out = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }

export interface HooksFlags {
  flows: string
  url: string
  name: string
  connections?: string
  connection?: string
  filters: boolean
  updateSecret?: boolean
}

export interface HooksContext {
  api: EventHooksApi
  orgUrl: string
  desired: DesiredHook
  current: EventHook | undefined
  hooks: EventHook[]
  diff: HookDiff
  secret: string
  secretFrom: string
}

/** The options both subcommands take. */
export function hooksOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--url <url>', 'the public URL of flow serve (https://…), as Okta reaches it; /hooks/okta is added')
    .option('--flows <dir>', 'directory of the served flow files', 'flows')
    .option('--name <name>', "the hook's name in Okta", 'cardflow')
    .option('--connections <file>', 'connections file (default CARDFLOW_CONNECTIONS or cardflow.connections.yaml)')
    .option('--connection <name>', 'the Okta connection to use (default: OKTA_ORG_URL and OKTA_API_TOKEN)')
    .option('--no-filters', 'subscribe without Okta Expression Language filters (the engine still filters)')
}

export function registerOktaHooks(program: Command): void {
  const hooks = program.command('okta').description('set up the Okta org from the flow files').command('hooks').description('the Okta event hook that feeds flow serve')
  registerHooksPlan(hooks)
  registerHooksApply(hooks)
}

/** `https://engine.example.com` → `https://engine.example.com/hooks/okta`; Okta takes only https, loopback http is for tests. */
export function hookUri(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ConfigError(`--url "${url}" is not a URL`)
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) throw new ConfigError(`--url must be https:// (Okta sends event hooks only to https); got ${parsed.protocol}`)
  if (parsed.search || parsed.hash || parsed.username || parsed.password) throw new ConfigError('--url takes no query, fragment or credentials')
  const base = parsed.href.replace(/\/+$/, '')
  return base.endsWith('/hooks/okta') ? base : `${base}/hooks/okta`
}

/** The enabled flows of the directory; any invalid one stops here, listed, since the hook would miss its events. */
async function servedFlows(dir: string): Promise<ServedFlow[]> {
  const flows: ServedFlow[] = []
  const problems: CardflowError[] = []
  for (const file of flowFilesIn(dir)) {
    const { plan, errors } = await loadFlowFile(file, registry)
    problems.push(...errors)
    if (plan?.enabled) flows.push({ file, plan })
  }
  if (problems.length > 0) throw new InvalidFlows(problems)
  return flows
}

export class InvalidFlows extends Error {
  constructor(readonly problems: CardflowError[]) {
    super(`${problems.length} problem(s) in the flow files`)
  }
}

/** Event Hooks API calls under the connections' timeout and 429 retries, as a card's calls are. */
function hookSender(connections: Connections, connection: string | undefined): HookSend {
  const signal = new AbortController().signal
  return (operation, idempotent, send) =>
    performCall({ connector: okta, operation, request: {}, idempotent, send, dryRun: () => { throw new Error('no dry run') } }, { cardId: 'okta hooks', dryRun: false, connectionName: connection, connections, signal, record: () => {} })
}

export async function prepare(flags: HooksFlags, env: NodeJS.ProcessEnv = process.env): Promise<HooksContext> {
  const uri = hookUri(flags.url)
  const connections = loadConnections({ env, ...(flags.connections !== undefined && { file: flags.connections }) })
  const secret = connections.hookSecret()
  if (!secret) throw new ConfigError('no event hook secret: set OKTA_HOOK_SECRET (or hooks.okta.secret in the connections file), the header value flow serve checks')
  const flows = await servedFlows(flags.flows)
  const desired = desiredHook(flows, { name: flags.name, uri, header: secret.header, filters: flags.filters })
  const api = eventHooksApi(hookSender(connections, flags.connection))
  const hooks = await api.list()
  const current = hooks.find((h) => h.name === flags.name)
  const orgUrl = connections.client(okta, flags.connection).orgUrl
  const diff = diffHook(current, desired, flags.updateSecret === true)
  const secretFrom = connections.file ? `the secret of OKTA_HOOK_SECRET or ${connections.file}` : 'the value of OKTA_HOOK_SECRET'
  return { api, orgUrl, desired, current, hooks, diff, secret: secret.value, secretFrom }
}
