import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { type FakeGmail, type FakeOAuth, GMAIL_TOKEN, mimeBody, mimeHeaders, startFakeGmail, startFakeOAuth } from '../fakes/index.ts'
import { connect, outbound, outputsOf, runApi } from './helpers.ts'

const REFRESHED = 'ya29.refreshed-access-token-0001'
const SECRET = 'gmail-client-secret-0001'

describe('Gmail - Send Email against a fake Gmail API', () => {
  let gmail: FakeGmail
  let oauth: FakeOAuth
  const env = () => ({ GMAIL_ACCESS_TOKEN: GMAIL_TOKEN, GMAIL_API_URL: gmail.url })
  const refreshEnv = (refreshToken: string) => ({
    GMAIL_CLIENT_ID: 'gmail-client',
    GMAIL_CLIENT_SECRET: SECRET,
    GMAIL_REFRESH_TOKEN: refreshToken,
    GMAIL_TOKEN_URL: oauth.googleTokenUrl,
    GMAIL_API_URL: gmail.url,
  })
  before(async () => {
    gmail = await startFakeGmail({ tokens: [GMAIL_TOKEN, REFRESHED] })
    oauth = await startFakeOAuth({ clientId: 'gmail-client', clientSecret: SECRET, refreshToken: '1//refresh-0001', accessToken: REFRESHED })
  })
  after(async () => {
    await gmail.close()
    await oauth.close()
  })
  afterEach(() => {
    gmail.reset()
    oauth.reset()
  })

  it('sends one users.messages.send with an RFC 2822 message whose non-ASCII subject and names arrive intact', async () => {
    const body = {
      to: ['Zoë Ångström <zoe@example.com>', 'bob@example.com'],
      cc: 'Łukasz Żółć <lukasz@example.com>',
      bcc: ['audit@example.com'],
      from: 'Okta Wörkflows <noreply@example.com>',
      subject: 'Profil geändert ✓ — 日本語',
      body: 'Grüße,\nyour profile changed.',
    }
    const run = await runApi('gmail.yaml', body, connect(env()))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(gmail.requests.length, 1)
    const [req] = gmail.requests
    assert.equal(req!.method, 'POST')
    assert.equal(req!.path, '/gmail/v1/users/me/messages/send')
    assert.equal(req!.headers.authorization, `Bearer ${GMAIL_TOKEN}`)
    assert.deepEqual(Object.keys(req!.json as object), ['raw'])
    const mime = gmail.sentMime()[0]!
    assert.match(mime, /^[\x20-\x7e\r\n\t]*$/, 'the message on the wire is 7-bit')
    const h = mimeHeaders(mime)
    assert.equal(h.get('subject'), body.subject)
    assert.equal(h.get('from'), 'Okta Wörkflows <noreply@example.com>')
    assert.equal(h.get('to'), 'Zoë Ångström <zoe@example.com>, bob@example.com')
    assert.equal(h.get('cc'), 'Łukasz Żółć <lukasz@example.com>')
    assert.equal(h.get('bcc'), 'audit@example.com', 'Gmail delivers to Bcc only if it is in the message')
    assert.match(h.get('content-type') ?? '', /^text\/plain; charset=utf-8/)
    assert.equal(mimeBody(mime).replace(/\r\n/g, '\n'), body.body)
    assert.deepEqual(outputsOf(run, 'mail'), { 'Message ID': '18f00000000001', 'Thread ID': '18f00000000001' })
    assert.deepEqual(outbound(run, 'users.messages.send').request, {
      from: 'Okta Wörkflows <noreply@example.com>',
      to: ['Zoë Ångström <zoe@example.com>', 'bob@example.com'],
      cc: ['Łukasz Żółć <lukasz@example.com>'],
      bcc: ['audit@example.com'],
      subject: body.subject,
      body: body.body,
      html: false,
    })
  })

  it('sends HTML when "Body is HTML?" is true', async () => {
    const run = await runApi('gmail.yaml', { to: 'ann@example.com', subject: 'Hi', body: '<p>Hello <b>Ann</b></p>', html: true }, connect(env()))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    const mime = gmail.sentMime()[0]!
    assert.match(mimeHeaders(mime).get('content-type') ?? '', /^text\/html/)
    assert.equal(mimeBody(mime), '<p>Hello <b>Ann</b></p>')
  })

  it('gets an access token from the refresh token first, then sends with it', async () => {
    const run = await runApi('gmail.yaml', { to: 'ann@example.com', subject: 'Hi', body: 'x' }, connect(refreshEnv('1//refresh-0001')))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    const [token] = oauth.requests
    assert.equal(token!.path, '/token')
    assert.equal(token!.form!.get('grant_type'), 'refresh_token')
    assert.equal(token!.form!.get('refresh_token'), '1//refresh-0001')
    assert.equal(token!.form!.get('client_id'), 'gmail-client')
    assert.equal(gmail.requests[0]!.headers.authorization, `Bearer ${REFRESHED}`)
  })

  it('fails with the OAuth error code when the refresh token is refused, and shows no secret', async () => {
    const run = await runApi('gmail.yaml', { to: 'ann@example.com', subject: 'Hi', body: 'x' }, connect(refreshEnv('1//revoked-refresh-token')))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /invalid_grant/)
    assert.equal(run.error?.retryable, false)
    assert.equal(gmail.requests.length, 0)
    const text = JSON.stringify(run)
    assert.ok(!text.includes(SECRET) && !text.includes('1//revoked-refresh-token'), 'a secret leaked into the run record')
  })

  it('retries a 429 honouring Retry-After', async () => {
    gmail.failNext({ kind: 'status', status: 429, retryAfter: 0, body: { error: { code: 429, message: 'Rate Limit Exceeded', status: 'RESOURCE_EXHAUSTED' } } })
    const run = await runApi('gmail.yaml', { to: 'ann@example.com', subject: 'Hi', body: 'x' }, connect(env()))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(gmail.requests.length, 2)
    assert.equal(outbound(run, 'users.messages.send').attempts, 2)
  })

  it('does not resend after a 500 (sending is not idempotent) and reports Google\'s status', async () => {
    gmail.failNext({ kind: 'status', status: 500, body: { error: { code: 500, message: 'Backend Error', status: 'INTERNAL' } } })
    const run = await runApi('gmail.yaml', { to: 'ann@example.com', subject: 'Hi', body: 'x' }, connect(env()))
    assert.equal(run.status, 'failed')
    assert.equal(gmail.requests.length, 1)
    assert.match(run.error!.message, /^gmail: users\.messages\.send failed: HTTP 500 INTERNAL Backend Error/)
  })

  it('rejects a recipient that is not an email address before sending anything', async () => {
    const run = await runApi('gmail.yaml', { to: 'not an address', subject: 'Hi', body: 'x' }, connect(env()))
    assert.equal(run.status, 'failed')
    assert.equal(run.error?.code, 'CARD_FAILED')
    assert.match(run.error!.message, /input "To": "not an address" is not an email address/)
    assert.equal(gmail.requests.length, 0)
  })
})
