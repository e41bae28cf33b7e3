/**
 * Named connections, configured outside flow files so a flow in git holds no secret: a
 * connections file (YAML, values may use `${ENV_VAR}`) plus plain environment variables for each
 * service's `default` connection. See docs/connections.md.
 */
import { existsSync } from 'node:fs'
import type { FlowPlan, PlannedCard } from './check.ts'
import type { AnyConnectorSpec, ConnectorSpec, Fields } from './connector.ts'
import { type ConnectionsFile, type FieldMap, readConnectionsFile } from './connections-file.ts'
import { type CallPolicy, type ConnectionProvider, DEFAULT_CALL_POLICY } from './connector-call.ts'
import { CardflowError, ConnectionMissingError } from './errors.ts'

export { ConnectionsFileError } from './connections-file.ts'

export const DEFAULT_CONNECTIONS_FILE = 'cardflow.connections.yaml'

export interface ConnectionsOptions {
  /** Path of the connections file; default `CARDFLOW_CONNECTIONS` or `cardflow.connections.yaml` when present. */
  file?: string
  env?: NodeJS.ProcessEnv
  /** Overrides the timeout and retry settings of the file and environment. */
  policy?: Partial<CallPolicy>
}

export interface Connections extends ConnectionProvider {
  /** The services these connections are for. */
  readonly connectors: readonly AnyConnectorSpec[]
  /** Configured and complete. */
  has(connector: string, name?: string): boolean
  /** The Okta event hook secret header (`OKTA_HOOK_SECRET`, header name default `authorization`). */
  hookSecret(): { header: string; value: string } | undefined
  /** The client token of an API Endpoint flow, by flow file name. */
  clientToken(flowSlug: string): string | undefined
  /** Why a connection cannot be used (naming what to set), or undefined when it is complete. */
  problem(connector: string, name?: string): string | undefined
  /** The connection names known for a service, complete or not. */
  names(connector: string): string[]
  /** The connections file that was read, if any. */
  readonly file: string | undefined
  readonly policy: CallPolicy
}

const POLICY_ENV: [keyof CallPolicy, string][] = [
  ['timeoutMs', 'CARDFLOW_CONNECTOR_TIMEOUT_MS'],
  ['rateLimitRetries', 'CARDFLOW_CONNECTOR_RETRIES'],
  ['maxWaitMs', 'CARDFLOW_CONNECTOR_MAX_WAIT_MS'],
]

/** Flows whose client token from the environment is kept once read. */
const MAX_KEPT_CLIENT_TOKENS = 10_000

/** `flows/my-flow.yaml`'s slug `my-flow` → `CARDFLOW_CLIENT_TOKEN_MY_FLOW`. */
export function clientTokenVariable(flowSlug: string): string {
  return `CARDFLOW_CLIENT_TOKEN_${flowSlug.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`
}

/** The connections for these services, from the connections file and the environment. */
export function loadConnections(connectors: readonly AnyConnectorSpec[], opts: ConnectionsOptions = {}): Connections {
  const env = opts.env ?? process.env
  const path = opts.file ?? env['CARDFLOW_CONNECTIONS'] ?? (existsSync(DEFAULT_CONNECTIONS_FILE) ? DEFAULT_CONNECTIONS_FILE : undefined)
  const file = path ? readConnectionsFile(path, env, connectors) : undefined
  const policy: CallPolicy = { ...DEFAULT_CALL_POLICY, ...file?.settings, ...policyFromEnv(env), ...opts.policy }
  const specs = new Map(connectors.map((c) => [c.name, c]))
  const table = connectionTable(connectors, file, env)
  const hook = { ...fromEnv(env, [['secret', 'OKTA_HOOK_SECRET'], ['header', 'OKTA_HOOK_HEADER']]), ...valuesOf(file?.hook) }
  const clients = new Map<string, unknown>()
  const lookup = (connector: string, name = 'default') => table.get(connector)?.get(name)

  const secrets = collectSecrets(connectors, table, hook, file, env)
  const addSecret = learnedSecrets(secrets)
  const problem = (connector: string, name = 'default') => {
    const spec = specs.get(connector)
    return spec ? describeProblem(spec, name, lookup(connector, name), file) : `no connector "${connector}" is known`
  }
  // Read once per flow, as the secrets above are read once: the engine asks for every served
  // flow's token with each log line and run, and reading the environment calls into C++ each
  // time. Callers ask only for flows they serve; the bound is for safety.
  const envClientTokens = new Map<string, string | undefined>()
  const envClientToken = (slug: string): string | undefined => {
    if (envClientTokens.has(slug)) return envClientTokens.get(slug)
    const token = env[clientTokenVariable(slug)] || undefined
    if (envClientTokens.size < MAX_KEPT_CLIENT_TOKENS) envClientTokens.set(slug, token)
    return token
  }
  const connections: Connections = {
    connectors,
    file: path,
    policy,
    has: (connector, name) => problem(connector, name) === undefined,
    problem,
    names: (connector) => [...(table.get(connector)?.keys() ?? [])],
    client<C>(connector: ConnectorSpec<C>, name = 'default'): C {
      const why = problem(connector.name, name)
      if (why) throw new ConnectionMissingError(why)
      const key = `${connector.name}\u0000${name}`
      if (!clients.has(key)) clients.set(key, connector.createClient(valuesOf(lookup(connector.name, name)), policy, { addSecret }))
      return clients.get(key) as C
    },
    // Collected at load, plus what clients learn as they run (access tokens); every log line of `flow serve` asks for them.
    secrets: () => secrets,
    hookSecret: () => (hook['secret'] ? { header: (hook['header'] ?? 'authorization').toLowerCase(), value: hook['secret'] } : undefined),
    clientToken: (slug) => file?.clientTokens.get(slug)?.value ?? envClientToken(slug),
  }
  return connections
}

/** Every connector card of a flow, branches included, in order. */
export function connectorCards(plan: FlowPlan): PlannedCard[] {
  const out: PlannedCard[] = []
  const visit = (cards: PlannedCard[]) => {
    for (const card of cards) {
      if (card.def.connector) out.push(card)
      for (const [, list] of card.branches) visit(list)
    }
  }
  visit(plan.cards)
  return out
}

/** For `flow validate --connections`: each connector card whose connection is missing, at the card. */
export function connectionProblems(plan: FlowPlan, connections: Pick<Connections, 'problem'>): CardflowError[] {
  return connectorCards(plan).flatMap((card) => {
    const why = connections.problem(card.def.connector!.name, card.connection)
    return why ? [new CardflowError('CONNECTION_MISSING', `card "${card.id}" (${card.type}): ${why}`, { location: card.loc, cardId: card.id })] : []
  })
}

/** The connections a flow uses (`slack.default`, `gmail.hr`), each `ok` or why it cannot be used. */
export function connectionReport(plan: FlowPlan, connections: Pick<ConnectionProvider, 'problem'> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const card of connectorCards(plan)) {
    const name = `${card.def.connector!.name}.${card.connection ?? 'default'}`
    out[name] ??= connections ? (connections.problem?.(card.def.connector!.name, card.connection) ?? 'ok') : 'no connections configured'
  }
  return out
}

/** Connector → name → fields. `default` starts from the environment; the file's values win field by field. */
function connectionTable(connectors: readonly AnyConnectorSpec[], file: ConnectionsFile | undefined, env: NodeJS.ProcessEnv): Map<string, Map<string, FieldMap>> {
  const table = new Map<string, Map<string, FieldMap>>()
  for (const spec of connectors) {
    const connector = spec.name
    const named = new Map(file?.connections.get(connector) ?? [])
    const fromVars: FieldMap = new Map()
    for (const f of spec.fields) {
      const value = env[f.env]
      if (value) fromVars.set(f.key, { value, loc: { file: 'environment', line: 0, col: 0 } })
    }
    const fromFile = named.get('default')
    if (fromVars.size > 0 || fromFile) {
      const merged = new Map(fromVars)
      for (const [k, v] of fromFile ?? []) if (v.value !== undefined || !merged.has(k)) merged.set(k, v)
      named.set('default', merged)
    }
    table.set(connector, named)
  }
  return table
}

function describeProblem(spec: AnyConnectorSpec, name: string, fields: FieldMap | undefined, file: ConnectionsFile | undefined): string | undefined {
  const connector = spec.name
  const source = file ? `the connections file ${file.file}` : 'a connections file (--connections or CARDFLOW_CONNECTIONS)'
  const wanted = (key: string) => {
    const missingVar = fields?.get(key)?.missingVar
    if (missingVar) return `${missingVar} (used by ${connector}.${name}.${key})`
    return name === 'default' ? spec.fields.find((f) => f.key === key)!.env : `${connector}.${name}.${key}`
  }
  const groups = spec.needs.map((group) => group.filter((key) => fields?.get(key)?.value === undefined))
  if (groups.some((g) => g.length === 0)) {
    const wrong = spec.check?.(valuesOf(fields))
    return wrong && `${connector} connection "${name}" ${wrong}`
  }
  const alternatives = groups.map((g) => listed(g.map(wanted))).join(', or ')
  if (!fields) {
    return name === 'default'
      ? `no ${connector} connection "default": set ${alternatives} (or add ${connector}.default to ${source})`
      : `no ${connector} connection "${name}": add ${connector}.${name} to ${source}, with ${alternatives}`
  }
  return `${connector} connection "${name}" is incomplete: set ${alternatives}`
}

function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

function valuesOf(fields: FieldMap | undefined): Fields {
  const out: Fields = {}
  for (const [k, v] of fields ?? []) if (v.value !== undefined) out[k] = v.value
  return out
}

function fromEnv(env: NodeJS.ProcessEnv, pairs: [string, string][]): Fields {
  const out: Fields = {}
  for (const [key, name] of pairs) if (env[name]) out[key] = env[name]
  return out
}

function policyFromEnv(env: NodeJS.ProcessEnv): Partial<CallPolicy> {
  const out: Partial<CallPolicy> = {}
  for (const [key, name] of POLICY_ENV) {
    const n = Number(env[name])
    if (env[name] && Number.isInteger(n) && n >= 0) out[key] = n
  }
  return out
}

/** Secrets a client learns while it runs (access tokens) join the loaded ones; the oldest learned go past a bound. */
const MAX_LEARNED_SECRETS = 256

function learnedSecrets(secrets: string[]): (value: string) => void {
  const learned: string[] = []
  return (value) => {
    if (!value || secrets.includes(value)) return
    secrets.push(value)
    learned.push(value)
    if (learned.length > MAX_LEARNED_SECRETS) secrets.splice(secrets.indexOf(learned.shift()!), 1)
  }
}

function collectSecrets(connectors: readonly AnyConnectorSpec[], table: Map<string, Map<string, FieldMap>>, hook: Fields, file: ConnectionsFile | undefined, env: NodeJS.ProcessEnv): string[] {
  const out: string[] = []
  for (const spec of connectors) {
    const secretKeys = spec.fields.filter((f) => f.secret).map((f) => f.key)
    for (const fields of table.get(spec.name)?.values() ?? []) {
      for (const key of secretKeys) {
        const value = fields.get(key)?.value
        if (value) out.push(value)
      }
    }
  }
  if (hook['secret']) out.push(hook['secret'])
  for (const token of file?.clientTokens.values() ?? []) if (token.value) out.push(token.value)
  for (const [name, value] of Object.entries(env)) if (name.startsWith('CARDFLOW_CLIENT_TOKEN_') && value) out.push(value)
  return out
}
