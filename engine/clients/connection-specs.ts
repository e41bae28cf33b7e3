/**
 * What each service's connection holds, which environment variable fills each field of the
 * `default` connection, which fields are secret, and which sets of fields make it complete.
 */
import type { CallPolicy } from '../connector-call.ts'
import type { ConnectorClients, ConnectorName } from '../connectors.ts'
import { createOktaClient } from '../okta-client.ts'
import { createGmailClient } from './gmail.ts'
import { createGraphClient } from './graph.ts'
import { createSlackClient } from './slack.ts'

export interface FieldSpec {
  key: string
  env: string
  secret?: boolean
}

export interface ServiceSpec {
  fields: FieldSpec[]
  /** The connection is complete when every field of any one group has a value. */
  needs: string[][]
}

export const SERVICES: Record<ConnectorName, ServiceSpec> = {
  slack: {
    fields: [
      { key: 'token', env: 'SLACK_BOT_TOKEN', secret: true },
      { key: 'apiUrl', env: 'SLACK_API_URL' },
    ],
    needs: [['token']],
  },
  gmail: {
    fields: [
      { key: 'accessToken', env: 'GMAIL_ACCESS_TOKEN', secret: true },
      { key: 'clientId', env: 'GMAIL_CLIENT_ID' },
      { key: 'clientSecret', env: 'GMAIL_CLIENT_SECRET', secret: true },
      { key: 'refreshToken', env: 'GMAIL_REFRESH_TOKEN', secret: true },
      { key: 'tokenUrl', env: 'GMAIL_TOKEN_URL' },
      { key: 'apiUrl', env: 'GMAIL_API_URL' },
    ],
    needs: [['accessToken'], ['clientId', 'clientSecret', 'refreshToken']],
  },
  office365: {
    fields: [
      { key: 'accessToken', env: 'GRAPH_ACCESS_TOKEN', secret: true },
      { key: 'tenantId', env: 'GRAPH_TENANT_ID' },
      { key: 'clientId', env: 'GRAPH_CLIENT_ID' },
      { key: 'clientSecret', env: 'GRAPH_CLIENT_SECRET', secret: true },
      { key: 'tokenUrl', env: 'GRAPH_TOKEN_URL' },
      { key: 'apiUrl', env: 'GRAPH_API_URL' },
    ],
    needs: [['accessToken'], ['tenantId', 'clientId', 'clientSecret']],
  },
  okta: {
    fields: [
      { key: 'orgUrl', env: 'OKTA_ORG_URL' },
      { key: 'apiToken', env: 'OKTA_API_TOKEN', secret: true },
    ],
    needs: [['orgUrl', 'apiToken']],
  },
}

export const CONNECTOR_NAMES = Object.keys(SERVICES) as ConnectorName[]

/** Field values of one complete connection (unset fields absent). */
export type Fields = Record<string, string>

export function buildClient<K extends ConnectorName>(connector: K, f: Fields, policy: CallPolicy): ConnectorClients[K] {
  const clients: { [C in ConnectorName]: () => ConnectorClients[C] } = {
    slack: () => createSlackClient({ token: f['token']!, ...opt(f, 'apiUrl') }, policy.timeoutMs),
    gmail: () => createGmailClient(pick(f, SERVICES.gmail), policy.timeoutMs),
    office365: () => createGraphClient(pick(f, SERVICES.office365)),
    okta: () => createOktaClient({ orgUrl: f['orgUrl']!, apiToken: f['apiToken']! }),
  }
  return clients[connector]()
}

function opt(f: Fields, key: string): Record<string, string> {
  return f[key] === undefined ? {} : { [key]: f[key] }
}

function pick(f: Fields, spec: ServiceSpec): Record<string, string> {
  return Object.assign({}, ...spec.fields.map((field) => opt(f, field.key)))
}
