/**
 * The two seed-like templates, imported with `flow import` and run with `flow test` (no dry run):
 * their named connections point the real Okta, Slack and Gmail clients at fakes on 127.0.0.1, and
 * the fakes receive the same kind of message the hand-written seed flows send.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, before, describe, it } from 'node:test'
import { type FakeGmail, type FakeServer, type FakeSlack, GMAIL_TOKEN, mimeBody, mimeHeaders, OKTA_TOKEN, SAMPLE_USER, SLACK_TOKEN, startFakeGmail, startFakeOkta, startFakeSlack } from '../fakes/index.ts'
import { flowCli, needsShared } from '../helpers.ts'
import { sample, template } from './helpers.ts'

const skip = needsShared('test/importer/templates-end-to-end.test.ts')

describe('imported templates end to end', () => {
  let dir: string
  let okta: FakeServer
  let slack: FakeSlack
  let gmail: FakeGmail
  let connections: string
  before(async () => {
    if (skip) return
    dir = mkdtempSync(join(tmpdir(), 'cardflow-import-'))
    okta = await startFakeOkta()
    slack = await startFakeSlack({ channels: { 'okta-notifications': 'C9QPV3D1A' } })
    gmail = await startFakeGmail()
    const oktaConn = { orgUrl: okta.url, apiToken: OKTA_TOKEN }
    connections = join(dir, 'connections.json')
    // Okta's connection names, as the export keeps them (YAML is a superset of JSON)
    writeFileSync(connections, JSON.stringify({
      okta: { 'Okta - dev-flow-connectors-tc1-2.trexcloud.com': oktaConn, Okta: oktaConn },
      slack: { 'Slack - dev@azuqua.com': { token: SLACK_TOKEN, apiUrl: slack.url } },
      gmail: { Gmail: { accessToken: GMAIL_TOKEN, apiUrl: gmail.url } },
    }))
  })
  afterEach(() => {
    for (const fake of [okta, slack, gmail]) fake?.reset()
  })
  after(async () => {
    if (skip) return
    await Promise.all([okta.close(), slack.close(), gmail.close()])
    rmSync(dir, { recursive: true, force: true })
  })

  let imports = 0
  const importTemplate = async (name: string) => {
    const out = join(dir, `${name}-${imports++}`)
    const r = await flowCli(['import', template(name), '-o', out])
    assert.equal(r.code, 0, r.out + r.err)
    return out
  }

  it('notify_user_on_profile_update tells the user on Slack who changed which attributes', { skip }, async () => {
    const out = await importTemplate('notify_user_on_profile_update')
    const input = join(dir, 'profile-input.json')
    writeFileSync(input, JSON.stringify({ 'Changed attributes': 'email,firstName', Actor: { ID: '00uAdmin', 'Alternate ID': 'it.admin@example.com' }, 'Okta User': { ID: SAMPLE_USER.id, 'Alternate ID': 'ann@example.com' } }))
    const r = await flowCli(['test', join(out, 'send-notification-to-user-when-profile-is-updated.yaml'), '--input', input, '--connections', connections, '--json'])
    assert.equal(r.code, 0, r.out + r.err)
    assert.equal(JSON.parse(r.out).status, 'succeeded')
    assert.equal(okta.requests[0]?.path, `/api/v1/users/${SAMPLE_USER.id}`)
    const [post] = slack.calls('chat.postMessage')
    assert.equal(post?.form?.get('channel'), 'C9QPV3D1A')
    assert.match(post?.form?.get('text') ?? '', /attributs were changed: email,firstName/)
    assert.match(post?.form?.get('text') ?? '', /updated by an administrator/)
  })

  it('send_a_welcome_email_to_new_user_of_an_application emails the assigned user through Gmail', { skip }, async () => {
    const out = await importTemplate('send_a_welcome_email_to_new_user_of_an_application')
    const hook = JSON.parse(readFileSync(sample('hook-app-unassigned.json'), 'utf8'))
    const event = hook.data.events[0]
    event.eventType = 'application.user_membership.add'
    for (const t of event.target) {
      if (t.type === 'AppInstance') t.id = '0oazuk7rz73tHfd1m0h7'
      if (t.type === 'User') t.id = SAMPLE_USER.id
    }
    const input = join(dir, 'assigned-hook.json')
    writeFileSync(input, JSON.stringify(hook))
    const r = await flowCli(['test', join(out, 'send-welcome-email-to-okta-workflow-users.yaml'), '--input', input, '--connections', connections])
    assert.equal(r.code, 0, r.out + r.err)
    const [mime] = gmail.sentMime()
    assert.ok(mime, r.out)
    assert.equal(mimeHeaders(mime).get('to'), 'ann@example.com')
    const body = mimeBody(mime)
    assert.match(body, /Welcome to Okta Workflows/)
    // the mail looks like Okta's: the template's own markup is HTML, not escaped text
    assert.match(mimeHeaders(mime).get('content-type') ?? '', /text\/html/)
    assert.match(body, /<br\/>/)
    assert.match(body, /<a href="https:\/\/www\.youtube\.com\/watch\?v=0nG6tBoIrQI">/)
    assert.doesNotMatch(body, /&lt;br|&lt;a href/)
  })

  it('marks a Compose feeding an HTML mail body as HTML and one feeding Slack as Slack text', async () => {
    const welcome = readFileSync(join(await importTemplate('send_a_welcome_email_to_new_user_of_an_application'), 'send-welcome-email-to-okta-workflow-users.yaml'), 'utf8')
    assert.match(welcome, /\n {6}format: html\n/)
    const notify = readFileSync(join(await importTemplate('notify_user_on_profile_update'), 'send-notification-to-user-when-profile-is-updated.yaml'), 'utf8')
    assert.match(notify, /\n {6}format: slack\n/)
  })
})
