import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import type { FakeServer } from '../fakes/fake-server.ts'
import { type FakeOAuth, GRAPH_TOKEN, startFakeGraph, startFakeOAuth } from '../fakes/index.ts'
import { connect, outbound, outputsOf, runApi } from './helpers.ts'

const APP_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhcHAiOiJjbGllbnQtY3JlZGVudGlhbHMifQ'
const SECRET = 'graph-client-secret-0001'

describe('Office 365 Mail - Send Email against a fake Microsoft Graph', () => {
  let graph: FakeServer
  let oauth: FakeOAuth
  const env = () => ({ GRAPH_ACCESS_TOKEN: GRAPH_TOKEN, GRAPH_API_URL: graph.url })
  const mail = { to: ['Zoë Ångström <zoe@example.com>'], cc: 'bob@example.com', from: 'noreply@example.com', subject: 'Profil geändert', body: '<p>Hi</p>', type: 'HTML' }
  before(async () => {
    graph = await startFakeGraph({ tokens: [GRAPH_TOKEN, APP_TOKEN] })
    oauth = await startFakeOAuth({ clientId: 'graph-app', clientSecret: SECRET, accessToken: APP_TOKEN })
  })
  after(async () => {
    await graph.close()
    await oauth.close()
  })
  afterEach(() => {
    graph.reset()
    oauth.reset()
  })

  it('POSTs /v1.0/users/{From}/sendMail with the bearer token on a plain-http host, and outputs a null Message ID', async () => {
    const run = await runApi('office365.yaml', mail, connect(env()))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(graph.requests.length, 1)
    const [req] = graph.requests
    assert.equal(req!.method, 'POST')
    assert.equal(req!.path, '/v1.0/users/noreply%40example.com/sendMail')
    assert.equal(req!.headers.authorization, `Bearer ${GRAPH_TOKEN}`)
    assert.deepEqual(req!.json, {
      message: {
        subject: 'Profil geändert',
        body: { contentType: 'HTML', content: '<p>Hi</p>' },
        toRecipients: [{ emailAddress: { address: 'zoe@example.com', name: 'Zoë Ångström' } }],
        ccRecipients: [{ emailAddress: { address: 'bob@example.com' } }],
      },
      saveToSentItems: true,
    })
    assert.deepEqual(outputsOf(run, 'mail'), { 'Message ID': null })
    assert.deepEqual(outbound(run, 'POST /users/noreply%40example.com/sendMail').request, {
      from: 'noreply@example.com',
      to: ['Zoë Ångström <zoe@example.com>'],
      cc: ['bob@example.com'],
      subject: 'Profil geändert',
      body: '<p>Hi</p>',
      contentType: 'HTML',
    })
  })

  it('uses /me/sendMail and a text body when From and Message Type are not given', async () => {
    const run = await runApi('office365.yaml', { to: 'ann@example.com', subject: 'Hi', body: 'plain' }, connect(env()))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(graph.requests[0]!.path, '/v1.0/me/sendMail')
    assert.deepEqual((graph.requests[0]!.json as { message: { body: unknown } }).message.body, { contentType: 'Text', content: 'plain' })
  })

  it('gets an app token with the client-credentials grant once, then reuses it', async () => {
    const conns = connect({ GRAPH_TENANT_ID: 'contoso', GRAPH_CLIENT_ID: 'graph-app', GRAPH_CLIENT_SECRET: SECRET, GRAPH_TOKEN_URL: oauth.microsoftTokenUrl('contoso'), GRAPH_API_URL: graph.url })
    for (let i = 0; i < 2; i++) {
      const run = await runApi('office365.yaml', mail, conns)
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    }
    assert.equal(oauth.requests.length, 1)
    const form = oauth.requests[0]!.form!
    assert.equal(oauth.requests[0]!.path, '/contoso/oauth2/v2.0/token')
    assert.deepEqual(Object.fromEntries(form), { grant_type: 'client_credentials', client_id: 'graph-app', client_secret: SECRET, scope: 'https://graph.microsoft.com/.default' })
    assert.deepEqual(graph.requests.map((r) => r.headers.authorization), [`Bearer ${APP_TOKEN}`, `Bearer ${APP_TOKEN}`])
  })

  it('fails with invalid_client when the app secret is wrong, and shows no secret', async () => {
    const wrong = 'wrong-graph-secret-123'
    const run = await runApi('office365.yaml', mail, connect({ GRAPH_TENANT_ID: 'contoso', GRAPH_CLIENT_ID: 'graph-app', GRAPH_CLIENT_SECRET: wrong, GRAPH_TOKEN_URL: oauth.microsoftTokenUrl('contoso'), GRAPH_API_URL: graph.url }))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /HTTP 401 invalid_client token endpoint: invalid_client: AADSTS7000215/)
    assert.equal(run.error?.retryable, false)
    assert.equal(graph.requests.length, 0)
    assert.ok(!JSON.stringify(run).includes(wrong))
  })

  it('retries a 429 honouring Retry-After, then succeeds', async () => {
    graph.failNext({ kind: 'status', status: 429, retryAfter: 0, body: { error: { code: 'ApplicationThrottled', message: 'Too many requests' } } })
    const run = await runApi('office365.yaml', mail, connect(env()))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(graph.requests.length, 2)
    assert.equal(run.outbound[0]!.attempts, 2)
  })

  it('fails at once on a 4xx with Graph\'s error code', async () => {
    graph.failNext({ kind: 'status', status: 403, body: { error: { code: 'ErrorAccessDenied', message: 'Access is denied.' } } })
    const run = await runApi('office365.yaml', mail, connect(env()))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /HTTP 403 ErrorAccessDenied Access is denied\./)
    assert.equal(graph.requests.length, 1)
  })

  it('reports a dropped connection as a retryable network failure, not resent', async () => {
    graph.failNext({ kind: 'close' })
    const run = await runApi('office365.yaml', mail, connect(env()))
    assert.equal(run.status, 'failed')
    assert.equal(run.error?.retryable, true)
    assert.match(run.error!.message, /not retried: the request is not idempotent/)
    assert.equal(graph.requests.length, 1)
  })
})
