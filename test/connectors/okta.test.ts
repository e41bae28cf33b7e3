import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import type { FakeServer } from '../fakes/fake-server.ts'
import { OKTA_TOKEN, SAMPLE_USER, startFakeOkta } from '../fakes/index.ts'
import { connect, outbound, outputsOf, runApi } from './helpers.ts'

describe('Okta - Read User against a fake Okta org', () => {
  let okta: FakeServer
  const env = () => ({ OKTA_ORG_URL: okta.url, OKTA_API_TOKEN: OKTA_TOKEN })
  before(async () => {
    okta = await startFakeOkta()
  })
  after(() => okta.close())
  afterEach(() => okta.reset())

  it('GETs /api/v1/users/{login} with the SSWS token and outputs the user under Okta names', async () => {
    const run = await runApi('okta-read.yaml', { user: 'ann@example.com' }, connect(env()))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    const [req] = okta.requests
    assert.equal(req!.method, 'GET')
    assert.equal(req!.path, '/api/v1/users/ann%40example.com')
    assert.equal(req!.headers.authorization, `SSWS ${OKTA_TOKEN}`)
    assert.equal(req!.headers.accept, 'application/json')
    assert.deepEqual(outputsOf(run, 'user'), {
      ID: SAMPLE_USER.id,
      Status: 'ACTIVE',
      Created: SAMPLE_USER.created,
      Activated: SAMPLE_USER.activated,
      'Status Changed': SAMPLE_USER.statusChanged,
      'Last Login': SAMPLE_USER.lastLogin,
      'Last Updated': SAMPLE_USER.lastUpdated,
      'Password Changed': null,
      Credentials: { Emails: [], Password: false, 'Recovery Question': null, Provider: { Name: null, Type: null } },
      Username: 'ann@example.com',
      'First name': 'Ann',
      'Last name': 'Lee',
      'Primary email': 'ann@example.com',
      Profile: SAMPLE_USER.profile,
    })
    assert.equal(outputsOf(run, 'line')['output'], 'Ann (Finance) is ACTIVE')
    assert.deepEqual(outbound(run, 'GET /api/v1/users/{id}').request, { user: 'ann@example.com' })
  })

  it('fails at once on an unknown user with Okta\'s E0000007', async () => {
    const run = await runApi('okta-read.yaml', { user: 'nobody@example.com' }, connect(env()))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /^okta: GET \/api\/v1\/users\/\{id\} failed: HTTP 404 E0000007 Not found: Resource not found: nobody@example\.com \(User\)$/)
    assert.equal(run.error?.retryable, false)
    assert.equal(okta.requests.length, 1)
  })

  it('retries a 500 on a read, which is idempotent', async () => {
    okta.failNext({ kind: 'status', status: 500, body: { errorCode: 'E0000009', errorSummary: 'Internal Server Error' } })
    const run = await runApi('okta-read.yaml', { user: SAMPLE_USER.id }, connect(env()))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(okta.requests.length, 2)
    assert.equal(outbound(run, 'GET /api/v1/users/{id}').attempts, 2)
  })

  it('gives up after the error retries on repeated 500s, saying how many attempts', async () => {
    okta.failNext({ kind: 'status', status: 503 }, 3)
    const run = await runApi('okta-read.yaml', { user: SAMPLE_USER.id }, connect(env(), { errorRetries: 2 }))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /failed: HTTP 503 .*\(3 attempts\)$/)
    assert.equal(run.error?.retryable, true)
  })

  it('stops retrying 429 after the configured count (Retry-After honoured)', async () => {
    okta.failNext({ kind: 'status', status: 429, retryAfter: 0, body: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' } }, 4)
    const run = await runApi('okta-read.yaml', { user: SAMPLE_USER.id }, connect(env()))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /rate limited \(HTTP 429\) on each of 4 attempts; gave up after 3 retries/)
    assert.equal(outbound(run, 'GET /api/v1/users/{id}').attempts, 4)
  })

  it('times out an org that does not answer and retries the read, then succeeds', async () => {
    okta.failNext({ kind: 'hang' })
    // The timeout is short for the hung request, yet a healthy answer on a busy machine may also
    // miss it now and then: reads are retried, so the verdict holds however many tries it took.
    const run = await runApi('okta-read.yaml', { user: SAMPLE_USER.id }, connect(env(), { timeoutMs: 300, errorRetries: 10 }))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    const attempts = outbound(run, 'GET /api/v1/users/{id}').attempts
    assert.ok(attempts >= 2, `the hung read was tried again (${attempts} attempts)`)
    assert.equal(okta.requests.length, attempts, 'every attempt reached Okta')
  })

  it('reports a wrong API token as E0000011 without showing it', async () => {
    const wrong = '00wrongOktaToken000000000000000'
    const run = await runApi('okta-read.yaml', { user: SAMPLE_USER.id }, connect({ OKTA_ORG_URL: okta.url, OKTA_API_TOKEN: wrong }))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /HTTP 401 E0000011 Invalid token provided/)
    assert.ok(!JSON.stringify(run).includes(wrong))
  })
})
