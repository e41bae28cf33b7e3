/** A fake of the Okta management API: `GET /api/v1/users/{id or login}`, SSWS tokens. */
import { type FakeServer, startFakeServer } from './fake-server.ts'

export const OKTA_TOKEN = '00fakeOktaApiToken0000000000000000000000'

export const SAMPLE_USER = {
  id: '00u1a2b3c4d5e6f7g8h9',
  status: 'ACTIVE',
  created: '2024-01-10T09:00:00.000Z',
  activated: '2024-01-10T09:05:00.000Z',
  statusChanged: '2024-01-10T09:05:00.000Z',
  lastLogin: '2024-06-01T08:00:00.000Z',
  lastUpdated: '2024-06-02T10:00:00.000Z',
  passwordChanged: null,
  profile: { login: 'ann@example.com', email: 'ann@example.com', firstName: 'Ann', lastName: 'Lee', department: 'Finance' },
}

export async function startFakeOkta(opts: { token?: string; users?: (typeof SAMPLE_USER)[] } = {}): Promise<FakeServer> {
  const token = opts.token ?? OKTA_TOKEN
  const users = opts.users ?? [SAMPLE_USER]
  const server = await startFakeServer((req) => {
    if (req.headers.authorization !== `SSWS ${token}`) {
      return { status: 401, body: { errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] } }
    }
    const m = /^\/api\/v1\/users\/([^/]+)$/.exec(req.path)
    if (req.method !== 'GET' || !m) return { status: 404, body: { errorCode: 'E0000022', errorSummary: 'The endpoint does not support the provided HTTP method' } }
    const key = decodeURIComponent(m[1]!)
    const user = users.find((u) => u.id === key || u.profile.login === key || u.profile.login.split('@')[0] === key)
    return user ? { status: 200, body: user } : { status: 404, body: { errorCode: 'E0000007', errorSummary: `Not found: Resource not found: ${key} (User)`, errorCauses: [] } }
  })
  // The org URL has no trailing slash.
  return { ...server, url: server.url.replace(/\/$/, '') }
}
