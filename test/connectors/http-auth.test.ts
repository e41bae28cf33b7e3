import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { type FakeHttpApi, OAUTH_CLIENT, startFakeHttpApi } from '../fakes/index.ts'
import { authFields, cardOf, httpConnection, runCards } from './http-helpers.ts'

describe('API Connector connections: each auth kind on the wire, OAuth tokens, redaction', () => {
  let api: FakeHttpApi
  let fields: ReturnType<typeof authFields>
  before(async () => {
    api = await startFakeHttpApi()
    fields = authFields(api)
  })
  after(() => api.close())
  beforeEach(() => {
    api.requests.length = 0
    api.tokensIssued.length = 0
    api.revoked.clear()
    api.setTokenLifetime(3600)
  })
  const echo = (kind: string, headers: Record<string, string> = {}) =>
    runCards([{ id: 'echo', card: 'http.get', inputs: { URL: `${api.origin}/echo/whoami`, Headers: headers } }], { connections: httpConnection(fields[kind]!) })
  const apiRequests = () => api.requests.filter((r) => r.path !== '/oauth/token')

  it('none sends no Authorization header', async () => {
    const run = await echo('none')
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(api.requests[0]!.headers.authorization, undefined)
  })

  it('basic sends "Basic " and base64 of username:password', async () => {
    const run = await echo('basic')
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(api.requests[0]!.headers.authorization, `Basic ${Buffer.from('svc-workflows:pa55-w0rd-7c1f').toString('base64')}`)
  })

  it('bearer sends the token as "Bearer …"', async () => {
    await echo('bearer')
    assert.equal(api.requests[0]!.headers.authorization, 'Bearer bearer-token-0e4b9d2a')
  })

  it('custom sends each of its headers', async () => {
    await echo('custom')
    assert.equal(api.requests[0]!.headers['x-api-key'], 'api-key-31f0c9e8')
    assert.equal(api.requests[0]!.headers['x-tenant'], 'acme-corp')
  })

  it('oauth2 gets a token by client credentials (client in Basic) and sends it as Bearer', async () => {
    const run = await echo('oauth2')
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    const [tokenReq] = api.tokenRequests()
    assert.equal(tokenReq!.method, 'POST')
    assert.equal(tokenReq!.headers.authorization, `Basic ${Buffer.from(`${OAUTH_CLIENT.id}:${OAUTH_CLIENT.secret}`).toString('base64')}`)
    assert.equal(tokenReq!.form?.get('grant_type'), 'client_credentials')
    assert.equal(tokenReq!.form?.get('scope'), 'pets:read pets:write')
    assert.equal(tokenReq!.form?.get('client_secret'), null)
    assert.equal(apiRequests()[0]!.headers.authorization, `Bearer ${api.tokensIssued[0]}`)
  })

  it('oauth2 with clientAuthentication: body sends the client in the form instead', async () => {
    const run = await runCards([{ id: 'echo', card: 'http.get', inputs: { URL: `${api.origin}/echo/x` } }], { connections: httpConnection({ ...fields['oauth2']!, clientAuthentication: 'body' }) })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    const [tokenReq] = api.tokenRequests()
    assert.equal(tokenReq!.headers.authorization, undefined)
    assert.equal(tokenReq!.form?.get('client_id'), OAUTH_CLIENT.id)
    assert.equal(tokenReq!.form?.get('client_secret'), OAUTH_CLIENT.secret)
  })

  it("a card's own Authorization header cannot replace the connection's credential", async () => {
    await echo('bearer', { Authorization: 'Bearer something-else-entirely' })
    assert.equal(api.requests[0]!.headers.authorization, 'Bearer bearer-token-0e4b9d2a')
  })

  it('fetches one OAuth token and reuses it across cards and runs', async () => {
    const connections = httpConnection(fields['oauth2']!)
    const cards = [
      { id: 'a', card: 'http.get', inputs: { URL: '/secure/a' } },
      { id: 'b', card: 'http.post', inputs: { URL: '/secure/b', Body: { n: 1 } } },
    ]
    for (let i = 0; i < 2; i++) {
      const run = await runCards(cards, { connections })
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    }
    assert.equal(api.tokenRequests().length, 1)
    assert.equal(apiRequests().length, 4)
    assert.ok(apiRequests().every((r) => r.headers.authorization === `Bearer ${api.tokensIssued[0]}`))
  })

  it('fetches a new token once the last one has expired', async () => {
    api.setTokenLifetime(0)
    const connections = httpConnection(fields['oauth2']!)
    for (let i = 0; i < 2; i++) await runCards([{ id: 'a', card: 'http.get', inputs: { URL: '/secure/a' } }], { connections })
    assert.equal(api.tokenRequests().length, 2)
    assert.deepEqual(apiRequests().map((r) => r.headers.authorization), api.tokensIssued.map((t) => `Bearer ${t}`))
  })

  it('replaces a token the service no longer takes (401) once, and the card succeeds', async () => {
    const connections = httpConnection(fields['oauth2']!)
    await runCards([{ id: 'a', card: 'http.get', inputs: { URL: '/secure/a' } }], { connections })
    api.revoked.add(api.tokensIssued[0]!)
    const run = await runCards([{ id: 'b', card: 'http.post', inputs: { URL: '/secure/b', Body: {} } }], { connections })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(api.tokenRequests().length, 2)
    assert.deepEqual(apiRequests().map((r) => r.headers.authorization?.replace(/-5b8e2f41a7$/, '')), ['Bearer access-token-1', 'Bearer access-token-1', 'Bearer access-token-2'])
  })

  it('fails on a wrong client secret with the endpoint\'s invalid_client, not retried, the secret not shown', async () => {
    const wrong = 'wrong-secret-a81c4420ff'
    const run = await runCards([{ id: 'a', card: 'http.get', inputs: { URL: '/secure/a' } }], { connections: httpConnection({ ...fields['oauth2']!, clientSecret: wrong }) })
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /token endpoint: HTTP 401 invalid_client Client authentication failed\./)
    assert.equal(run.error!.retryable, false)
    assert.equal(apiRequests().length, 0)
    assert.equal(JSON.stringify(run).includes(wrong), false)
  })

  it('keeps every credential out of history, even when the service echoes the headers back', async () => {
    const secrets = {
      basic: ['pa55-w0rd-7c1f', Buffer.from('svc-workflows:pa55-w0rd-7c1f').toString('base64')],
      bearer: ['bearer-token-0e4b9d2a'],
      custom: ['api-key-31f0c9e8'],
      oauth2: [OAUTH_CLIENT.secret],
    }
    for (const [kind, values] of Object.entries(secrets)) {
      const run = await echo(kind)
      assert.equal(run.status, 'succeeded', `${kind}: ${JSON.stringify(run.error)}`)
      const echoed = (cardOf(run, 'echo').outputs['Body'] as { headers: Record<string, string> }).headers
      assert.ok(Object.keys(echoed).length > 2, 'the fake echoed the headers')
      const text = JSON.stringify(run)
      for (const v of [...values, ...api.tokensIssued]) assert.equal(text.includes(v), false, `${kind}: ${v} reached history`)
    }
  })

  it('keeps the access token out of an error message that quotes it', async () => {
    const connections = httpConnection(fields['oauth2']!)
    await runCards([{ id: 'a', card: 'http.get', inputs: { URL: '/secure/a' } }], { connections })
    const token = api.tokensIssued[0]!
    api.failNext({ kind: 'status', status: 400, body: { error: `token ${token} lacks scope pets:admin` } })
    const run = await runCards([{ id: 'b', card: 'http.get', inputs: { URL: '/secure/b' } }], { connections })
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /HTTP 400 Bad Request: \{"error":"token \[REDACTED\] lacks scope pets:admin"\}/)
  })
})

describe('API Connector retries: only idempotent methods after a 5xx, a drop or a timeout', () => {
  let api: FakeHttpApi
  before(async () => {
    api = await startFakeHttpApi()
  })
  after(() => api.close())
  beforeEach(() => {
    api.requests.length = 0
  })
  const cases: [card: string, inputs: Record<string, unknown>, sent: number][] = [
    ['http.get', {}, 2],
    ['http.put', { Body: { a: 1 } }, 2],
    ['http.delete', {}, 2],
    ['http.post', { Body: { a: 1 } }, 1],
    ['http.patch', { Body: { a: 1 } }, 1],
    ['http.rawRequest', { Method: 'GET' }, 2],
    ['http.rawRequest', { Method: 'POST', Body: 'x' }, 1],
  ]
  for (const [card, inputs, sent] of cases) {
    const method = (inputs['Method'] as string | undefined) ?? card.slice(5).toUpperCase()
    it(`${card} ${method} after a 500: ${sent === 2 ? 'retried' : 'not retried'}`, async () => {
      api.failNext({ kind: 'status', status: 500 })
      const run = await runCards([{ id: 'c', card, inputs: { URL: `${api.origin}/echo/r`, ...inputs } }], { connections: httpConnection({ auth: 'none' }) })
      assert.equal(api.requests.length, sent)
      assert.equal(run.status, sent === 2 ? 'succeeded' : 'failed', JSON.stringify(run.error))
      if (sent === 1) {
        assert.match(run.error!.message, /HTTP 500 Internal Server Error.*\(1 attempt\) \(not retried: the request is not idempotent\); whether it took effect is unknown/)
        // the server may have acted on it: the run is not retried either
        assert.deepEqual([run.error!.code, run.error!.retryable], ['OUTCOME_UNKNOWN', false])
      }
    })
  }

  it('retries a 429 after its Retry-After even for POST', async () => {
    api.failNext({ kind: 'status', status: 429, retryAfter: 0 })
    const run = await runCards([{ id: 'c', card: 'http.post', inputs: { URL: `${api.origin}/echo/r`, Body: {} } }], { connections: httpConnection({ auth: 'none' }) })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(api.requests.length, 2)
    assert.equal(run.outbound[0]!.attempts, 2)
  })

  it('times out a slow GET and tries again; a slow POST fails once, not sent twice', async () => {
    const connections = httpConnection({ auth: 'none' }, { timeoutMs: 1500 })
    api.failNext({ kind: 'slow', ms: 20_000 })
    const get = await runCards([{ id: 'c', card: 'http.get', inputs: { URL: `${api.origin}/echo/r` } }], { connections })
    assert.equal(get.status, 'succeeded', JSON.stringify(get.error))
    assert.equal(api.requests.length, 2)
    api.requests.length = 0
    api.failNext({ kind: 'slow', ms: 20_000 })
    const post = await runCards([{ id: 'c', card: 'http.post', inputs: { URL: `${api.origin}/echo/r`, Body: {} } }], { connections })
    assert.equal(post.status, 'failed')
    assert.match(post.error!.message, /timed out: no answer within 1500 ms \(1 attempt\) \(not retried: the request is not idempotent\); whether it took effect is unknown/)
    assert.equal(api.requests.length, 1)
  })

  it('retries a dropped connection for GET only', async () => {
    const connections = httpConnection({ auth: 'none' })
    api.failNext({ kind: 'close' })
    const get = await runCards([{ id: 'c', card: 'http.get', inputs: { URL: `${api.origin}/echo/r` } }], { connections })
    assert.equal(get.status, 'succeeded', JSON.stringify(get.error))
    api.failNext({ kind: 'close' })
    const post = await runCards([{ id: 'c', card: 'http.post', inputs: { URL: `${api.origin}/echo/r`, Body: {} } }], { connections })
    assert.equal(post.status, 'failed')
    assert.equal(post.outbound[0]!.attempts, 1)
  })
})
