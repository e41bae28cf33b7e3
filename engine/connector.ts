/**
 * The one interface the engine sees of an outside service. Everything about a service (its
 * official client, its connection fields, how its failures read) lives in `connectors/<service>/`
 * and reaches the engine through a `ConnectorSpec`; the engine knows no vendor SDK.
 */
import type { CallPolicy } from './connector-call.ts'
import type { Failure } from './failures.ts'

export interface FieldSpec {
  /** The field's key in the connections file, e.g. `token`. */
  key: string
  /** The environment variable that fills it for the `default` connection, e.g. `SLACK_BOT_TOKEN`. */
  env: string
  /** Redacted from history, logs and errors. */
  secret?: boolean
  description?: string
}

/** Field values of one complete connection (unset fields absent). */
export type Fields = Record<string, string>

/** What the engine gives a client besides its connection's fields. */
export interface ClientHooks {
  /** A value to redact from now on, like a secret field: a token the client obtained, a credential it derived. */
  addSecret(value: string): void
}

export interface ConnectorSpec<Client = unknown> {
  /** `slack`, `gmail`…: the key of its section in the connections file and of its cards' `connection`. */
  readonly name: string
  /** For people: `Slack`, `Microsoft Office 365 Mail`. */
  readonly title: string
  readonly fields: readonly FieldSpec[]
  /** The connection is complete when every field of any one group has a value. */
  readonly needs: readonly (readonly string[])[]
  /** What is wrong with a connection whose needed fields are set (a value outside its choices, a field its other settings need), or undefined. */
  check?(fields: Fields): string | undefined
  /** Builds the official client from a complete connection. Called once per connection. */
  createClient(fields: Fields, policy: CallPolicy, hooks: ClientHooks): Client
  /** Reads a failure the service's client threw; undefined leaves it to the generic reading (HTTP status, network, abort). */
  classify?(err: unknown): Failure | undefined
}

/* biome-ignore lint/suspicious/noExplicitAny: a list of connectors holds clients of every type */
export type AnyConnectorSpec = ConnectorSpec<any>

/** Identity, typed: `defineConnector({...})` keeps the client type for the cards that call it. */
export function defineConnector<Client>(spec: ConnectorSpec<Client>): ConnectorSpec<Client> {
  return spec
}
