/**
 * `flow test` without --dry-run runs the seed flows for real: the environment points the real
 * Slack and Gmail clients at fakes on 127.0.0.1, and the fakes receive the messages.
 */
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { type FakeGmail, type FakeSlack, GMAIL_TOKEN, mimeBody, mimeHeaders, SLACK_TOKEN, startFakeGmail, startFakeSlack } from '../fakes/index.ts'
import { flowCli } from '../helpers.ts'

const flow = (args: string[], env: Record<string, string>) => flowCli(args, env)

describe('seed flows end to end through flow test', () => {
  let slack: FakeSlack
  let gmail: FakeGmail
  before(async () => {
    slack = await startFakeSlack({ channels: { 'okta-profile-changes': 'C0000PROFILE' } })
    gmail = await startFakeGmail()
  })
  after(async () => {
    await slack.close()
    await gmail.close()
  })
  afterEach(() => {
    slack.reset()
    gmail.reset()
  })

  it('posts the profile-update message to the Slack channel', async () => {
    const r = await flow(['test', 'flows/notify-user-on-profile-update.yaml', '--input', 'examples/profile-updated-docs-shape.json', '--json'], {
      SLACK_BOT_TOKEN: SLACK_TOKEN,
      SLACK_API_URL: slack.url,
    })
    assert.equal(r.code, 0, r.err + r.out)
    const run = JSON.parse(r.out)
    assert.equal(run.status, 'succeeded')
    const [post] = slack.calls('chat.postMessage')
    assert.ok(post, 'the fake got no chat.postMessage')
    assert.equal(post.headers.authorization, `Bearer ${SLACK_TOKEN}`)
    assert.equal(post.form?.get('channel'), '#okta-profile-changes')
    assert.equal(post.form?.get('username'), 'Okta profile watch')
    assert.match(post.form?.get('text') ?? '', /^Hi jane\.doe@example\.com, these attributes of your Okta profile changed: firstName, mobilePhone\.\nYour profile was updated by it\.admin@example\.com/)
    assert.match(run.cards.at(-1).outputs.Message.Timestamp, /^1700000000\.000\d+$/)
    assert.doesNotMatch(r.out, new RegExp(SLACK_TOKEN))
  })

  it('emails the unassigned user through Gmail, for both the event card and the API Endpoint variant', async () => {
    const env = { GMAIL_ACCESS_TOKEN: GMAIL_TOKEN, GMAIL_API_URL: gmail.url }
    for (const file of ['flows/app-unassignment-email.yaml', 'flows/app-unassignment-email-hook.yaml']) {
      const r = await flow(['test', file, '--input', 'examples/hook-app-unassigned-salesforce.json'], env)
      assert.equal(r.code, 0, r.err + r.out)
      assert.match(r.out, /Requests sent:\n {2}email: gmail users\.messages\.send \(sent\)/)
    }
    const mails = gmail.sentMime()
    assert.equal(mails.length, 2)
    for (const mime of mails) {
      assert.equal(mimeHeaders(mime).get('to'), 'jane.doe@example.com')
      assert.match(mimeBody(mime), /Your access to Salesforce\.com was removed by IT Admin/)
    }
  })

  it('fails the run, saying how to configure a connection, when none is set and --dry-run is not given', async () => {
    const r = await flow(['test', 'flows/app-unassignment-email.yaml', '--input', 'examples/hook-app-unassigned-salesforce.json'], {})
    assert.equal(r.code, 1)
    assert.match(r.out, /error {2}CONNECTION_MISSING: .*GMAIL_ACCESS_TOKEN/)
    assert.match(r.out, /Requests not sent \(they failed before leaving\):\n {2}email: gmail users\.messages\.send \(not sent\)/)
  })
})
