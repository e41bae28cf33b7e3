/**
 * Fake OAuth token endpoints: Google's (`/token`, refresh-token grant) and the Microsoft
 * identity platform's (`/{tenant}/oauth2/v2.0/token`, client-credentials grant).
 */
import { type FakeServer, startFakeServer } from './fake-server.ts'

export interface FakeOAuthOptions {
  clientId: string
  clientSecret: string
  /** Google only: the refresh token accepted. */
  refreshToken?: string
  /** The access token handed out. */
  accessToken: string
}

export interface FakeOAuth extends FakeServer {
  /** Google's token endpoint URL. */
  googleTokenUrl: string
  /** Microsoft's token endpoint URL for a tenant. */
  microsoftTokenUrl(tenant: string): string
}

export async function startFakeOAuth(opts: FakeOAuthOptions): Promise<FakeOAuth> {
  const server = await startFakeServer((req) => {
    const form = req.form ?? new URLSearchParams()
    if (req.method !== 'POST') return { status: 405, body: { error: 'invalid_request' } }
    if (form.get('client_id') !== opts.clientId || form.get('client_secret') !== opts.clientSecret) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' } }
    }
    const grant = form.get('grant_type')
    if (req.path === '/token' && grant === 'refresh_token') {
      if (form.get('refresh_token') !== opts.refreshToken) return { status: 400, body: { error: 'invalid_grant', error_description: 'Bad Request' } }
      return { status: 200, body: { access_token: opts.accessToken, expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/gmail.send' } }
    }
    if (/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(req.path) && grant === 'client_credentials') {
      return { status: 200, body: { access_token: opts.accessToken, expires_in: 3599, ext_expires_in: 3599, token_type: 'Bearer' } }
    }
    return { status: 400, body: { error: 'unsupported_grant_type' } }
  })
  return {
    ...server,
    googleTokenUrl: `${server.url}token`,
    microsoftTokenUrl: (tenant) => `${server.url}${tenant}/oauth2/v2.0/token`,
  }
}
