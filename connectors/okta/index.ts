/** Okta: the org URL and an API token (SSWS), and our small fetch-based client for the management API. */
import { defineConnector } from '../../engine/connector.ts'
import { createOktaClient, type OktaClient } from './client.ts'
import { classifyOktaFailure } from './failures.ts'

export const okta = defineConnector<OktaClient>({
  name: 'okta',
  title: 'Okta',
  fields: [
    { key: 'orgUrl', env: 'OKTA_ORG_URL', description: 'The org URL, e.g. `https://example.okta.com`.' },
    { key: 'apiToken', env: 'OKTA_API_TOKEN', secret: true, description: 'An API token (sent as `SSWS …`).' },
  ],
  needs: [['orgUrl', 'apiToken']],
  createClient: (f) => createOktaClient({ orgUrl: f['orgUrl']!, apiToken: f['apiToken']! }),
  classify: (err) => classifyOktaFailure(err),
})
