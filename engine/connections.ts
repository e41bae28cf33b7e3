/**
 * Named connections, configured outside flow files so a flow in git holds no secret.
 * (Placeholder: the full loader — connections file, environment variables, real clients — lands
 * with the connector cards.)
 */
import type { ConnectionProvider } from './connector-call.ts'
import type { ConnectorName } from './connectors.ts'
import type { FlowPlan } from './check.ts'
import { type CardflowError, ConnectionMissingError } from './errors.ts'

export interface ConnectionsOptions {
  /** Path of the connections file; default `CARDFLOW_CONNECTIONS` or `cardflow.connections.yaml` when present. */
  file?: string
  env?: NodeJS.ProcessEnv
}

export interface Connections extends ConnectionProvider {
  /** Configured and complete. */
  has(connector: ConnectorName, name?: string): boolean
  /** The Okta event hook secret header (`OKTA_HOOK_SECRET`, header name default `authorization`). */
  hookSecret(): { header: string; value: string } | undefined
  /** The client token of an API Endpoint flow, by flow file name. */
  clientToken(flowSlug: string): string | undefined
}

export function loadConnections(_opts: ConnectionsOptions = {}): Connections {
  return {
    has: () => false,
    client(connector) {
      throw new ConnectionMissingError(`no ${connector} connection configured`)
    },
    secrets: () => [],
    hookSecret: () => undefined,
    clientToken: () => undefined,
  }
}

/** Connector cards of a plan whose connection is not configured, each at its card's line. */
export function connectionProblems(_plan: FlowPlan, _connections: Connections): CardflowError[] {
  return []
}
