import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, afterEach, before, describe, it } from 'node:test'
import { loadConnections } from '../../connectors/index.ts'
import { invocationsFromInput } from '../../connectors/okta/input.ts'
import { runFlow } from '../../engine/run.ts'
import type { FakeServer } from '../fakes/fake-server.ts'
import {
  type FakeGmail,
  type FakeSlack,
  GMAIL_TOKEN,
  GRAPH_TOKEN,
  mimeHeaders,
  OKTA_TOKEN,
  SLACK_TOKEN,
  startFakeGmail,
  startFakeGraph,
  startFakeOkta,
  startFakeSlack,
} from '../fakes/index.ts'
import { FAST, fixture, plan, runApi } from './helpers.ts'

const event = JSON.parse(readFileSync(fixture('profile-updated-event.json'), 'utf8'))

describe('a flow using every connector card, end to end against the fakes', () => {
  let slack: FakeSlack
  let gmail: FakeGmail
  let graph: FakeServer
  let okta: FakeServer
  let env: NodeJS.ProcessEnv
  before(async () => {
    ;[slack, gmail, graph, okta] = await Promise.all([startFakeSlack(), startFakeGmail(), startFakeGraph(), startFakeOkta()])
    env = {
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_API_URL: slack.url,
      GMAIL_ACCESS_TOKEN: GMAIL_TOKEN,
      GMAIL_API_URL: gmail.url,
      GRAPH_ACCESS_TOKEN: GRAPH_TOKEN,
      GRAPH_API_URL: graph.url,
      OKTA_ORG_URL: okta.url,
      OKTA_API_TOKEN: OKTA_TOKEN,
    }
  })
  after(() => Promise.all([slack, gmail, graph, okta].map((s) => s.close())))
  afterEach(() => {
    for (const fake of [slack, gmail, graph, okta]) fake.reset()
  })

  async function runEvent(opts: { dryRun?: boolean }) {
    const p = await plan('profile-updated-notify.yaml')
    const [inv] = invocationsFromInput(p.trigger, event)
    assert.equal(inv?.kind, 'run')
    if (inv?.kind !== 'run') throw new Error('no run')
    return runFlow(p, inv.outputs, { ...opts, connections: loadConnections({ env, policy: FAST }) })
  }

  it('reads the user from Okta, then tells them on Slack and by mail through Gmail and Graph', async () => {
    const run = await runEvent({})
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.equal(okta.requests[0]!.path, '/api/v1/users/00u1a2b3c4d5e6f7g8h9')
    assert.deepEqual(
      slack.requests.map((r) => r.path),
      ['/api/users.lookupByEmail', '/api/conversations.open', '/api/chat.postMessage', '/api/chat.postMessage'],
    )
    const text = 'Hi Ann, these attributes of your Okta profile changed: mobilePhone,department.'
    assert.equal(slack.requests[2]!.form!.get('text'), text)
    assert.match(slack.requests[3]!.form!.get('text')!, /^ann@example\.com changed mobilePhone,department \(message 1700000000\.000\d+\)$/)
    assert.equal(slack.requests[3]!.form!.get('channel'), '#alerts')
    assert.equal(mimeHeaders(gmail.sentMime()[0]!).get('to'), 'ann@example.com')
    assert.equal(graph.requests[0]!.path, '/v1.0/users/noreply%40example.com/sendMail')
    assert.deepEqual(run.outbound.map((o) => [o.cardId, o.operation, o.result]), [
      ['user', 'GET /api/v1/users/{id}', 'sent'],
      ['dm', 'users.lookupByEmail', 'sent'],
      ['dm', 'conversations.open', 'sent'],
      ['dm', 'chat.postMessage', 'sent'],
      ['channel', 'chat.postMessage', 'sent'],
      ['gmail', 'users.messages.send', 'sent'],
      ['outlook', 'POST /users/noreply%40example.com/sendMail', 'sent'],
    ])
    const record = JSON.stringify(run)
    for (const token of [SLACK_TOKEN, GMAIL_TOKEN, GRAPH_TOKEN, OKTA_TOKEN]) assert.ok(!record.includes(token), 'a token reached history')
  })

  it('in dry-run mode sends nothing, records every request, and gives plausible outputs', async () => {
    const run = await runEvent({ dryRun: true })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.deepEqual([slack, gmail, graph, okta].map((s) => s.requests.length), [0, 0, 0, 0])
    assert.ok(run.outbound.every((o) => o.result === 'recorded' && o.attempts === 0))
    assert.deepEqual(run.outbound.find((o) => o.cardId === 'gmail')!.request, {
      to: ['dry.run@example.com'],
      subject: 'Your Okta profile changed',
      body: 'Hi Dry, these attributes of your Okta profile changed: mobilePhone,department.',
      html: false,
    })
    const channel = run.cards.find((c) => c.id === 'channel')!
    assert.match((channel.outputs['Message'] as { Timestamp: string }).Timestamp, /^\d{10}\.\d{6}$/)
  })

  it('uses the named connection a card asks for', async () => {
    const ops = await startFakeSlack({ token: 'xoxb-ops-token-000001' })
    try {
      const connections = loadConnections({ file: fixture('connections.yaml'), env: { OPS_SLACK_TOKEN: 'xoxb-ops-token-000001', FAKE_SLACK_URL: ops.url }, policy: FAST })
      const run = await runApi('slack-named.yaml', {}, connections)
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
      assert.equal(ops.requests[0]!.headers.authorization, 'Bearer xoxb-ops-token-000001')
      assert.equal(ops.requests[0]!.form!.get('text'), 'hello')
    } finally {
      await ops.close()
    }
  })

  it('fails a card whose connection is missing with a message naming what to set', async () => {
    const run = await runApi('slack-channel.yaml', { channel: 'general', text: 'hi' }, loadConnections({ env: {} }))
    assert.equal(run.status, 'failed')
    assert.equal(run.error?.code, 'CONNECTION_MISSING')
    assert.match(run.error!.message, /set SLACK_BOT_TOKEN/)
  })
})
