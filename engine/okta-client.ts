/** A small client for the Okta management API (SSWS API token), built in connections.ts. */
export interface OktaClient {
  /** `GET /api/v1/users/{id or login}`: the user object (id, status, profile, …). */
  getUser(idOrLogin: string, signal: AbortSignal): Promise<Record<string, unknown>>
  /** Any management API call, e.g. `('PUT', '/api/v1/groups/{g}/users/{u}')`. Paths are relative to the org URL. */
  request<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    opts: { body?: unknown; query?: Record<string, string>; signal: AbortSignal },
  ): Promise<T>
}
