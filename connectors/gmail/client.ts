/** The Gmail API client from @googleapis/gmail, authorised by a fixed access token or a refresh token. */
import { auth, gmail, type gmail_v1 } from '@googleapis/gmail'
import { withSlash } from '../../engine/http-error.ts'

export interface GmailConfig {
  accessToken?: string
  clientId?: string
  clientSecret?: string
  refreshToken?: string
  /** Google's OAuth token endpoint; default `https://oauth2.googleapis.com/token`. */
  tokenUrl?: string
  /** The client's `rootUrl`; default `https://gmail.googleapis.com/`. */
  apiUrl?: string
}

export function createGmailClient(cfg: GmailConfig, timeoutMs: number): gmail_v1.Gmail {
  const oauth = new auth.OAuth2({
    ...(cfg.clientId && { clientId: cfg.clientId }),
    ...(cfg.clientSecret && { clientSecret: cfg.clientSecret }),
    ...(cfg.tokenUrl && { endpoints: { oauth2TokenUrl: cfg.tokenUrl } }),
  })
  oauth.setCredentials(cfg.accessToken ? { access_token: cfg.accessToken } : { refresh_token: cfg.refreshToken ?? null })
  return gmail({
    version: 'v1',
    auth: oauth,
    ...(cfg.apiUrl && { rootUrl: withSlash(cfg.apiUrl) }),
    // The library retries by default; connector-call.ts owns retries so they are counted and bounded.
    retry: false,
    timeout: timeoutMs,
    // gaxios defaults to node-fetch, whose abort emits 'error' on a response body nobody listens
    // to: an uncaught exception that killed the engine. Node's own fetch rejects the call instead.
    fetchImplementation: fetch,
  })
}
