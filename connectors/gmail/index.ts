/** Gmail: an access token or an OAuth refresh token, the official @googleapis/gmail client, Google's error bodies. */
import type { gmail_v1 } from '@googleapis/gmail'
import { defineConnector } from '../../engine/connector.ts'
import { byStatus, type Failure, headerOf, isLoose, text } from '../../engine/failures.ts'
import { parseRetryAfter } from '../../engine/http-error.ts'
import { createGmailClient } from './client.ts'

export const gmail = defineConnector<gmail_v1.Gmail>({
  name: 'gmail',
  title: 'Gmail',
  fields: [
    { key: 'accessToken', env: 'GMAIL_ACCESS_TOKEN', secret: true, description: 'A fixed OAuth access token (short-lived; for tests).' },
    { key: 'clientId', env: 'GMAIL_CLIENT_ID', description: 'OAuth client id.' },
    { key: 'clientSecret', env: 'GMAIL_CLIENT_SECRET', secret: true, description: 'OAuth client secret.' },
    { key: 'refreshToken', env: 'GMAIL_REFRESH_TOKEN', secret: true, description: 'Refresh token with the `gmail.send` scope.' },
    { key: 'tokenUrl', env: 'GMAIL_TOKEN_URL', description: 'Token endpoint; default Google\'s.' },
    { key: 'apiUrl', env: 'GMAIL_API_URL', description: 'API root URL; default `https://gmail.googleapis.com/`.' },
  ],
  needs: [['accessToken'], ['clientId', 'clientSecret', 'refreshToken']],
  createClient: (f, policy) => createGmailClient(f, policy.timeoutMs),
  classify: classifyGoogleFailure,
})

/** Google's error bodies: `{error: {code, message, status}}` from APIs, `{error, error_description}` from OAuth. */
export function classifyGoogleFailure(err: unknown): Failure | undefined {
  const response = isLoose(err) ? err['response'] : undefined
  if (!isLoose(response) || typeof response['status'] !== 'number') return undefined
  const data = response['data']
  const body = isLoose(data) ? data['error'] : undefined
  let code: string | undefined
  let message: string | undefined
  if (isLoose(body)) {
    code = text(body['status']) ?? text(Array.isArray(body['errors']) && isLoose(body['errors'][0]) ? body['errors'][0]['reason'] : undefined)
    message = text(body['message'])
  } else if (isLoose(data)) {
    code = text(body)
    message = text(data['error_description'])
  }
  const detail = [`HTTP ${response['status']}`, code, message].filter(Boolean).join(' ')
  return byStatus(response['status'], detail, code, parseRetryAfter(headerOf(response['headers'], 'retry-after')))
}
