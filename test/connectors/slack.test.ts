import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { type FakeSlack, SLACK_TOKEN, startFakeSlack } from '../fakes/index.ts'
import { runFlow } from '../../engine/run.ts'
import { connect, outbound, outputsOf, plan, runApi } from './helpers.ts'
import { waitFor } from '../wait.ts'

describe('Slack cards against a fake Slack Web API', () => {
  let slack: FakeSlack
  const env = () => ({ SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slack.url })
  before(async () => {
    slack = await startFakeSlack()
  })
  after(() => slack.close())
  // whatever a test queued or held at the fake ends with it
  afterEach(() => slack.reset())

  it('posts chat.postMessage with the bot token and outputs Message.Timestamp', async () => {
    const run = await runApi('slack-channel.yaml', { channel: '#general', text: 'Héllo ✓' }, connect(env()))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    const [req] = slack.requests
    assert.equal(slack.requests.length, 1)
    assert.equal(req!.method, 'POST')
    assert.equal(req!.path, '/api/chat.postMessage')
    assert.equal(req!.headers.authorization, `Bearer ${SLACK_TOKEN}`)
    assert.deepEqual(Object.fromEntries(req!.form!), { channel: '#general', text: 'Héllo ✓', username: 'Okta Workflows' })
    assert.deepEqual(outputsOf(run, 'send'), { Message: { Timestamp: '1700000000.000100', Channel: 'C0000GENERAL' } })
    assert.equal(outputsOf(run, 'after')['output'], 'sent at 1700000000.000100')
    assert.deepEqual(outbound(run, 'chat.postMessage'), {
      cardId: 'send',
      connector: 'slack',
      operation: 'chat.postMessage',
      request: { channel: '#general', text: 'Héllo ✓', username: 'Okta Workflows' },
      result: 'sent',
      attempts: 1,
    })
  })

  it('sends a direct message: lookupByEmail, conversations.open, then chat.postMessage', async () => {
    const run = await runApi('slack-dm.yaml', { email: 'ann@example.com' }, connect(env()))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.deepEqual(
      slack.requests.map((r) => [r.path, Object.fromEntries(r.form!)]),
      [
        ['/api/users.lookupByEmail', { email: 'ann@example.com' }],
        ['/api/conversations.open', { users: 'U0000ANN' }],
        ['/api/chat.postMessage', { channel: 'D0000ANN', text: 'Your Okta profile changed.' }],
      ],
    )
    const dm = outputsOf(run, 'dm') as { Message: { Timestamp: string; Channel: string }; 'User ID': string }
    assert.match(dm.Message.Timestamp, /^1700000000\.000\d+$/)
    assert.equal(dm.Message.Channel, 'D0000ANN')
    assert.equal(dm['User ID'], 'U0000ANN')
    assert.deepEqual(run.outbound.map((o) => [o.operation, o.request, o.attempts]), [
      ['users.lookupByEmail', { email: 'ann@example.com' }, 1],
      ['conversations.open', { users: 'U0000ANN' }, 1],
      ['chat.postMessage', { channel: 'D0000ANN', text: 'Your Okta profile changed.' }, 1],
    ])
  })

  it('fails at once with Slack\'s own code on ok:false, without retrying', async () => {
    const run = await runApi('slack-channel.yaml', { channel: 'no-such-channel', text: 'hi' }, connect(env()))
    assert.equal(run.status, 'failed')
    assert.equal(run.error?.code, 'CONNECTOR')
    assert.match(run.error!.message, /channel_not_found/)
    assert.equal(run.error?.retryable, false)
    assert.equal(slack.requests.length, 1)
    assert.equal(outbound(run, 'chat.postMessage').result, 'failed')
  })

  it('fails a direct message to an unknown email with users_not_found', async () => {
    const run = await runApi('slack-dm.yaml', { email: 'nobody@example.com' }, connect(env()))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /users\.lookupByEmail failed: users_not_found/)
    assert.equal(slack.calls('chat.postMessage').length, 0)
  })

  it('retries a 429 after Retry-After, then succeeds', async () => {
    slack.failNext({ kind: 'status', status: 429, retryAfter: 0 }, 2)
    const run = await runApi('slack-channel.yaml', { channel: 'general', text: 'hi' }, connect(env()))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(slack.calls('chat.postMessage').length, 3)
    assert.equal(outbound(run, 'chat.postMessage').attempts, 3)
  })

  it('gives up on 429 after the configured retries and says so', async () => {
    slack.failNext({ kind: 'status', status: 429, retryAfter: 0 }, 5)
    const run = await runApi('slack-channel.yaml', { channel: 'general', text: 'hi' }, connect(env(), { rateLimitRetries: 2 }))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /^slack: chat\.postMessage was rate limited \(HTTP 429\) on each of 3 attempts; gave up after 2 retries$/)
    assert.equal(run.error?.retryable, true)
    assert.equal(slack.requests.length, 3)
    assert.equal(outbound(run, 'chat.postMessage').attempts, 3)
    assert.equal(slack.pendingTroubles(), 2, 'the retries stopped with two 429s still queued')
  })

  it('does not retry a 500 on chat.postMessage, which is not idempotent', async () => {
    slack.failNext({ kind: 'status', status: 500 })
    const run = await runApi('slack-channel.yaml', { channel: 'general', text: 'hi' }, connect(env()))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /HTTP 500 \(1 attempt\) \(not retried: the request is not idempotent\); whether it took effect is unknown/)
    assert.deepEqual([run.error?.code, run.error?.retryable], ['OUTCOME_UNKNOWN', false])
    assert.equal(slack.requests.length, 1)
  })

  it('follows no redirect: the token never reaches where a 3xx points, and the call fails', async () => {
    const elsewhere = await startFakeSlack()
    try {
      slack.failNext({ kind: 'answer', answer: { status: 307, headers: { location: `${elsewhere.url}/api/chat.postMessage` } } })
      const run = await runApi('slack-channel.yaml', { channel: 'general', text: 'hi' }, connect(env()))
      assert.equal(run.status, 'failed')
      assert.match(run.error!.message, /HTTP 307/)
      assert.equal(elsewhere.requests.length, 0)
    } finally {
      await elsewhere.close()
    }
  })

  it('reads an answer whose headers repeat, and one without a body', async () => {
    slack.failNext({ kind: 'answer', answer: { status: 200, headers: { 'x-oauth-scopes': ['chat:write', 'users:read'] }, body: { ok: true, channel: 'C1', ts: '1.2' } } })
    const sent = await runApi('slack-channel.yaml', { channel: 'general', text: 'hi' }, connect(env()))
    assert.equal(sent.status, 'succeeded', JSON.stringify(sent.error))
    assert.deepEqual(outputsOf(sent, 'send'), { Message: { Timestamp: '1.2', Channel: 'C1' } })
    slack.failNext({ kind: 'answer', answer: { status: 204 } })
    const empty = await runApi('slack-channel.yaml', { channel: 'general', text: 'hi' }, connect(env()))
    assert.equal(empty.status, 'failed')
    assert.match(empty.error!.message, /HTTP 204/)
  })

  it('retries a 500 and a dropped connection on users.lookupByEmail, which is idempotent', async () => {
    slack.failNext({ kind: 'status', status: 500 })
    slack.failNext({ kind: 'close' })
    const run = await runApi('slack-dm.yaml', { email: 'ann@example.com' }, connect(env()))
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(slack.calls('users.lookupByEmail').length, 3)
    assert.equal(outbound(run, 'users.lookupByEmail').attempts, 3)
  })

  it('times out an answer that does not come within the configured time', async () => {
    slack.failNext({ kind: 'hang' })
    const run = await runApi('slack-channel.yaml', { channel: 'general', text: 'hi' }, connect(env(), { timeoutMs: 200 }))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /chat\.postMessage timed out: no answer within 200 ms/)
    assert.deepEqual([run.error?.code, run.error?.retryable], ['OUTCOME_UNKNOWN', false])
    assert.equal(slack.requests.length, 1, 'not resent: chat.postMessage is not idempotent')
    await waitFor(() => slack.heldOpen() === 0, 'the client to give up the request it timed out')
  })

  it('stops waiting when the run is cancelled', async () => {
    slack.failNext({ kind: 'hang' })
    const controller = new AbortController()
    const pending = runFlow(await plan('slack-channel.yaml'), { headers: {}, body: { channel: 'general', text: 'hi' }, query: {} }, { connections: connect(env()), signal: controller.signal })
    // cancel once the request is at Slack, waiting for an answer that never comes
    await slack.waitForCalls('chat.postMessage', 1)
    controller.abort()
    const run = await pending
    assert.equal(run.status, 'failed')
    // cut short while in flight: the message may have left
    assert.match(run.error!.message, /^slack: chat\.postMessage was cancelled \(1 attempt\); whether it took effect is unknown/)
    assert.equal(run.error?.code, 'OUTCOME_UNKNOWN')
  })

  it('reports invalid_auth without showing the token anywhere', async () => {
    const wrong = 'xoxb-wrong-token-9999999'
    const run = await runApi('slack-channel.yaml', { channel: 'general', text: 'hi' }, connect({ SLACK_BOT_TOKEN: wrong, SLACK_API_URL: slack.url }))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /invalid_auth/)
    assert.ok(!JSON.stringify(run).includes(wrong), 'token leaked into the run record')
  })
})
