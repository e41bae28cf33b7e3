/**
 * The services connector cards talk to, and the client each one gets. Clients are the
 * official libraries, built from a named connection (see connections.ts).
 */
import type { gmail_v1 } from '@googleapis/gmail'
import type { Client as GraphClient } from '@microsoft/microsoft-graph-client'
import type { WebClient } from '@slack/web-api'
import type { OktaClient } from './okta-client.ts'

export interface ConnectorClients {
  slack: WebClient
  gmail: gmail_v1.Gmail
  office365: GraphClient
  okta: OktaClient
}

export type ConnectorName = keyof ConnectorClients
