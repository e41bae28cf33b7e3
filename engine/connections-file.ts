/**
 * Reads the connections file: YAML, located like flow files, with `${ENV_VAR}` in values.
 *
 *   slack: { default: { token: ${SLACK_BOT_TOKEN} }, ops: { token: ${SLACK_OPS_TOKEN} } }
 *   hooks: { okta: { secret: ${OKTA_HOOK_SECRET}, header: authorization } }
 *   apiEndpoints: { my-flow: { clientToken: ${MY_FLOW_TOKEN} } }
 *   settings: { timeoutMs: 10000, rateLimitRetries: 3 }
 */
import { readFileSync } from 'node:fs'
import type { AnyConnectorSpec } from './connector.ts'
import type { CallPolicy } from './connector-call.ts'
import { CardflowError, type SourceLocation } from './errors.ts'
import { parseYaml, type YMap, type YNode } from './parse.ts'
import { suggest } from './suggest.ts'

/** The connections file cannot be read, is not valid YAML, or has an unknown key or a bad value. */
export class ConnectionsFileError extends CardflowError {
  constructor(message: string, location: SourceLocation) {
    super('INPUT', message, { location })
  }
}

/** A value from the file: set, or naming the environment variable it needed and did not find. */
export interface FieldValue {
  value?: string
  missingVar?: string
  loc: SourceLocation
}

export type FieldMap = Map<string, FieldValue>

export interface ConnectionsFile {
  file: string
  connections: Map<string, Map<string, FieldMap>>
  hook: FieldMap
  clientTokens: Map<string, FieldValue>
  settings: Partial<CallPolicy>
}

const SETTINGS: (keyof CallPolicy)[] = ['timeoutMs', 'rateLimitRetries', 'errorRetries', 'maxWaitMs', 'backoffMs']
const OTHER_KEYS = ['hooks', 'apiEndpoints', 'settings']

export function readConnectionsFile(file: string, env: NodeJS.ProcessEnv, connectors: readonly AnyConnectorSpec[]): ConnectionsFile {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message
    throw new ConnectionsFileError(`cannot read connections file: ${reason}`, { file, line: 1, col: 1 })
  }
  const out: ConnectionsFile = { file, connections: new Map(), hook: new Map(), clientTokens: new Map(), settings: {} }
  if (text.trim() === '') return out
  const parsed = parseYaml(text, file)
  const first = parsed.errors[0]
  if (first) throw new ConnectionsFileError(first.message, first.location!)
  const root = mapOf(parsed.root!, 'the connections file')
  const specs = new Map(connectors.map((c) => [c.name, c]))
  const topKeys = [...specs.keys(), ...OTHER_KEYS]
  for (const e of root.entries) {
    const spec = specs.get(e.key)
    if (spec) {
      out.connections.set(e.key, namedConnections(e.value, spec, env))
    } else if (e.key === 'hooks') {
      const hooks = mapOf(e.value, '"hooks"')
      for (const h of hooks.entries) {
        if (h.key !== 'okta') fail(`unknown hook "${h.key}"${suggest(h.key, ['okta'])}; only "okta" is known`, h.keyLoc)
        out.hook = fields(h.value, ['secret', 'header'], 'hooks.okta', env)
      }
    } else if (e.key === 'apiEndpoints') {
      for (const flow of mapOf(e.value, '"apiEndpoints"').entries) {
        const token = fields(flow.value, ['clientToken'], `apiEndpoints.${flow.key}`, env).get('clientToken')
        if (token) out.clientTokens.set(flow.key, token)
      }
    } else if (e.key === 'settings') {
      out.settings = settings(e.value)
    } else {
      fail(`unknown key "${e.key}"${suggest(e.key, topKeys)}; expected one of ${topKeys.join(', ')}`, e.keyLoc)
    }
  }
  return out
}

function fail(message: string, loc: SourceLocation): never {
  throw new ConnectionsFileError(message, loc)
}

function mapOf(node: YNode, what: string): YMap {
  if (node.kind !== 'map') fail(`${what} must be a map`, node.loc)
  return node
}

function namedConnections(node: YNode, spec: AnyConnectorSpec, env: NodeJS.ProcessEnv): Map<string, FieldMap> {
  const connector = spec.name
  const keys = spec.fields.map((f) => f.key)
  const out = new Map<string, FieldMap>()
  for (const e of mapOf(node, `"${connector}" (connection name to settings)`).entries) {
    out.set(e.key, fields(e.value, keys, `${connector}.${e.key}`, env))
  }
  return out
}

function fields(node: YNode, allowed: string[], where: string, env: NodeJS.ProcessEnv): FieldMap {
  const out: FieldMap = new Map()
  for (const e of mapOf(node, `"${where}"`).entries) {
    if (!allowed.includes(e.key)) fail(`${where}: unknown key "${e.key}"${suggest(e.key, allowed)}; expected ${allowed.join(', ')}`, e.keyLoc)
    const v = e.value
    if (v.kind !== 'scalar' || (typeof v.value !== 'string' && typeof v.value !== 'number')) {
      fail(`${where}.${e.key} must be text`, v.loc)
    }
    out.set(e.key, interpolate(String(v.value), v.loc, env))
  }
  return out
}

const VAR = /\$\{([^}]*)\}/g
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** `${NAME}` is replaced by the environment variable; an unset one leaves the field unset and named. */
function interpolate(text: string, loc: SourceLocation, env: NodeJS.ProcessEnv): FieldValue {
  let missingVar: string | undefined
  const value = text.replace(VAR, (_, name: string) => {
    if (!NAME.test(name)) fail(`"\${${name}}" is not a variable reference; use \${NAME} with letters, digits and _`, loc)
    const found = env[name]
    if (found === undefined || found === '') missingVar ??= name
    return found ?? ''
  })
  if (missingVar) return { missingVar, loc }
  return value === '' ? { loc } : { value, loc }
}

function settings(node: YNode): Partial<CallPolicy> {
  const out: Partial<CallPolicy> = {}
  for (const e of mapOf(node, '"settings"').entries) {
    const key = SETTINGS.find((k) => k === e.key)
    if (!key) fail(`settings: unknown key "${e.key}"${suggest(e.key, SETTINGS)}; expected ${SETTINGS.join(', ')}`, e.keyLoc)
    const v = e.value
    if (v.kind !== 'scalar' || typeof v.value !== 'number' || !Number.isInteger(v.value) || v.value < 0) {
      fail(`settings.${e.key} must be a whole number, 0 or more`, v.loc)
    }
    out[key] = v.value
  }
  return out
}
