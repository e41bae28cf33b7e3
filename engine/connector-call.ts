/**
 * The one place a connector card's request leaves the engine: recorded in `outbound`, faked in
 * dry-run mode, otherwise sent with the named connection's client under a timeout.
 */
import type { ConnectorCall } from './card.ts'
import type { ConnectorClients, ConnectorName } from './connectors.ts'
import { ConnectionMissingError } from './errors.ts'
import type { OutboundRecord } from './history.ts'

export interface ConnectionProvider {
  /** The client for a connector, by connection name (default connection when omitted). */
  client<K extends ConnectorName>(connector: K, name: string | undefined): ConnectorClients[K]
  /** Values that must never be shown (tokens, secrets), for redaction. */
  secrets(): string[]
}

export interface CallEnv {
  cardId: string
  dryRun: boolean
  connectionName: string | undefined
  connections: ConnectionProvider | undefined
  signal: AbortSignal
  record(entry: OutboundRecord): void
}

export async function performCall<K extends ConnectorName, T>(call: ConnectorCall<K, T>, env: CallEnv): Promise<T> {
  const entry: OutboundRecord = {
    cardId: env.cardId,
    connector: call.connector,
    operation: call.operation,
    request: call.request,
    result: 'recorded',
    attempts: 0,
  }
  env.record(entry)
  if (env.dryRun) return call.dryRun()
  if (!env.connections) {
    throw new ConnectionMissingError(
      `no ${call.connector} connection configured; set one up (see README "Connections") or run with --dry-run`,
      env.cardId,
    )
  }
  const client = env.connections.client(call.connector, env.connectionName)
  entry.attempts = 1
  try {
    const out = await call.send(client, env.signal)
    entry.result = 'sent'
    return out
  } catch (err) {
    entry.result = 'failed'
    throw err
  }
}
