/** A small client for the Okta management API (SSWS token). Filled in with the Okta cards. */
export interface OktaClient {
  getUser(idOrLogin: string, signal: AbortSignal): Promise<Record<string, unknown>>
}
