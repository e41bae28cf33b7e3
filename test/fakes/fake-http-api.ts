/**
 * A plain HTTP API on 127.0.0.1 for the API Connector cards: Okta's tutorial Pet Store
 * (`/petstore/pets`), an echo of what was sent (`/echo/…`), an XML service, answers of any
 * status, a redirect, a large answer, and an OAuth 2.0 client-credentials token endpoint whose
 * tokens the `/secure/…` routes require.
 */
import { type Answer, type FakeServer, type RecordedRequest, startFakeServer } from './fake-server.ts'

export const OAUTH_CLIENT = { id: 'cardflow-client', secret: 'client-secret-9d1e77a0c4' }

/** Okta's tutorial: "three pets (id #4,#5,#6) … Each pet has an id, type, and price attribute." */
export const PETS_PAGE_2 = [
  { id: 4, type: 'dog', price: 249.99 },
  { id: 5, type: 'dog', price: 99.99 },
  { id: 6, type: 'dog', price: 145.5 },
]

export interface FakeHttpApi extends FakeServer {
  /** The origin, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  origin: string
  /** Access tokens handed out, in order. */
  tokensIssued: string[]
  /** `expires_in` of the next tokens (seconds; 3600 at first); undefined leaves it out. */
  setTokenLifetime(seconds: number | undefined): void
  /** Tokens the secure routes no longer take (as if revoked). */
  revoked: Set<string>
  /** Requests to the token endpoint. */
  tokenRequests(): RecordedRequest[]
}

export async function startFakeHttpApi(): Promise<FakeHttpApi> {
  const state = { tokensIssued: [] as string[], tokenLifetime: 3600 as number | undefined, revoked: new Set<string>() }
  const server = await startFakeServer((req) => route(req, state))
  const origin = server.url.replace(/\/$/, '')
  return Object.assign(server, {
    origin,
    tokensIssued: state.tokensIssued,
    revoked: state.revoked,
    setTokenLifetime: (seconds: number | undefined) => {
      state.tokenLifetime = seconds
    },
    tokenRequests: () => server.requests.filter((r) => r.path === '/oauth/token'),
  })
}

type State = { tokensIssued: string[]; tokenLifetime: number | undefined; revoked: Set<string> }

function route(req: RecordedRequest, state: State): Answer {
  const [, first, ...rest] = req.path.split('/')
  switch (first) {
    case 'petstore':
      return pets(req)
    case 'echo':
      return { status: req.method === 'POST' ? 201 : 200, body: { method: req.method, path: req.path, query: Object.fromEntries(req.query), headers: req.headers, body: req.json ?? req.body } }
    case 'xml':
      return { status: 200, headers: { 'content-type': 'application/xml' }, body: `<pets><pet id="4" type="dog"/></pets>` }
    case 'status':
      return { status: Number(rest[0]), body: { error: `status ${rest[0]}`, detail: 'as asked' } }
    case 'empty':
      return { status: 204 }
    case 'redirect':
      return { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/?token=x' } }
    case 'big':
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(Number(req.query.get('bytes') ?? 1000)) }
    case 'oauth':
      return token(req, state)
    case 'secure': {
      const given = req.headers.authorization?.replace(/^Bearer /, '')
      if (!given || !state.tokensIssued.includes(given) || state.revoked.has(given)) return { status: 401, body: { error: 'invalid_token' } }
      return { status: 200, body: { ok: true, path: req.path } }
    }
    default:
      return { status: 404, body: { message: `no route ${req.path}` } }
  }
}

function pets(req: RecordedRequest): Answer {
  if (req.path !== '/petstore/pets') return { status: 404, body: { message: 'Not Found' } }
  if (req.query.get('type') === 'Dog' && req.query.get('page') === '2') return { status: 200, body: PETS_PAGE_2 }
  return { status: 200, body: [] }
}

/** RFC 6749 4.4 client credentials, the client authenticated by Basic or by the form. */
function token(req: RecordedRequest, state: State): Answer {
  const form = req.form ?? new URLSearchParams()
  const basic = req.headers.authorization?.startsWith('Basic ')
    ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString('utf8').split(':').map((p) => decodeURIComponent(p.replace(/\+/g, ' ')))
    : undefined
  const [id, secret] = basic ?? [form.get('client_id'), form.get('client_secret')]
  if (req.method !== 'POST' || form.get('grant_type') !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } }
  if (id !== OAUTH_CLIENT.id || secret !== OAUTH_CLIENT.secret) return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed.' } }
  const access = `access-token-${state.tokensIssued.length + 1}-5b8e2f41a7`
  state.tokensIssued.push(access)
  return { status: 200, body: { access_token: access, token_type: 'Bearer', ...(state.tokenLifetime !== undefined && { expires_in: state.tokenLifetime }), scope: form.get('scope') ?? '' } }
}
