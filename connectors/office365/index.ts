/** Office 365 Mail through Microsoft Graph: an access token or client credentials, the official Graph client, GraphError. */
import type { Client } from '@microsoft/microsoft-graph-client'
import { defineConnector } from '../../engine/connector.ts'
import { byStatus, type Failure, headerOf, isAbort, isLoose, text, transport } from '../../engine/failures.ts'
import { parseRetryAfter } from '../../engine/http-error.ts'
import { createGraphClient } from './client.ts'

export const office365 = defineConnector<Client>({
  name: 'office365',
  title: 'Office 365 Mail',
  fields: [
    { key: 'accessToken', env: 'GRAPH_ACCESS_TOKEN', secret: true, description: 'A fixed Graph access token (short-lived; for tests).' },
    { key: 'tenantId', env: 'GRAPH_TENANT_ID', description: 'Directory (tenant) id.' },
    { key: 'clientId', env: 'GRAPH_CLIENT_ID', description: 'Application (client) id.' },
    { key: 'clientSecret', env: 'GRAPH_CLIENT_SECRET', secret: true, description: 'Client secret with `Mail.Send` application permission.' },
    { key: 'tokenUrl', env: 'GRAPH_TOKEN_URL', description: 'Token endpoint; default Microsoft identity platform.' },
    { key: 'apiUrl', env: 'GRAPH_API_URL', description: 'Graph base URL; default `https://graph.microsoft.com/`.' },
  ],
  needs: [['accessToken'], ['tenantId', 'clientId', 'clientSecret']],
  createClient: (f) => createGraphClient(f),
  classify: classifyGraphFailure,
})

/** Graph's GraphError: `statusCode` -1 means no response (network, abort). */
export function classifyGraphFailure(err: unknown): Failure | undefined {
  if (!isLoose(err) || typeof err['statusCode'] !== 'number' || !('requestId' in err)) return undefined
  const status = err['statusCode']
  if (status < 0) return isAbort(err) || err['code'] === 'AbortError' || err['code'] === 'TimeoutError' ? { kind: 'timeout', detail: 'the request was aborted' } : transport(err)
  const code = text(err['code'])
  const detail = [`HTTP ${status}`, code, text(err['message'])].filter(Boolean).join(' ')
  return byStatus(status, detail, code, parseRetryAfter(headerOf(err['headers'], 'retry-after')))
}
