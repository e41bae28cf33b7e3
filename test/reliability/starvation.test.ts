/**
 * No caller can starve the others: a client-token holder floods a sync and an async API
 * Endpoint flow whose service answers slowly, and Okta events keep running to the end while
 * the flood goes on. The flood's callers are told to come back (503 or 429 with Retry-After)
 * rather than piling up unbounded parallel work.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadConnections } from '../../connectors/index.ts'
import { type FakeGmail, type FakeSlack, GMAIL_TOKEN, SLACK_TOKEN, startFakeGmail, startFakeSlack } from '../fakes/index.ts'
import { CLIENT_TOKEN, deliver, envelope, profileEvent, type Running, startEngine, waitFor } from '../server/helpers.ts'

const API_FLOW = (mode: string) => `name: ${mode} flood target
trigger:
  id: req
  card: http.apiEndpoint
  options: { mode: ${mode} }
cards:
  - { id: send, card: slack.sendMessageToChannel, inputs: { channel: "#general", text: "call {{req.body.n}}" } }
`
const EVENT_FLOW = `name: Profile update by mail
trigger:
  id: event
  card: okta.userProfileUpdated
cards:
  - { id: mail, card: gmail.sendEmail, inputs: { To: it@example.com, Subject: "change [{{event.UUID}}]", Body: b } }
`

describe('no caller can starve the others', () => {
  let slack: FakeSlack
  let gmail: FakeGmail
  let s: Running
  const flows = mkdtempSync(join(tmpdir(), 'cardflow-flood-'))
  before(async () => {
    ;[slack, gmail] = await Promise.all([startFakeSlack(), startFakeGmail()])
    writeFileSync(join(flows, 'sync-flood.yaml'), API_FLOW('sync'))
    writeFileSync(join(flows, 'async-flood.yaml'), API_FLOW('async'))
    writeFileSync(join(flows, 'profile-mail.yaml'), EVENT_FLOW)
    // every Slack answer is slow: each API run holds its slot for a while
    slack.failNext({ kind: 'slow', ms: 150 }, 100_000)
    const env = { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slack.url, GMAIL_ACCESS_TOKEN: GMAIL_TOKEN, GMAIL_API_URL: gmail.url }
    s = await startEngine({
      flowsDir: flows,
      connections: loadConnections({ env }),
      clientTokens: { 'sync-flood': CLIENT_TOKEN, 'async-flood': CLIENT_TOKEN },
      concurrency: 2,
      apiConcurrency: 2,
      maxQueuedApiCalls: 4,
    })
  })
  after(async () => {
    await s.close()
    await Promise.all([slack.close(), gmail.close()])
    rmSync(flows, { recursive: true, force: true })
  })

  it('runs every event to the end while the API is flooded, and tells the flood to come back later', async (t) => {
    let flooding = true
    const answers = new Map<string, number>()
    let retryAfterMissing = 0
    const failures = new Set<string>()
    const call = async (flow: string, n: number) => {
      const res = await fetch(`${s.url}/api/flows/${flow}/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-client-token': CLIENT_TOKEN },
        body: JSON.stringify({ n }),
      })
      const text = await res.text()
      if (res.status === 500) failures.add(text)
      const key = `${flow} ${res.status}`
      answers.set(key, (answers.get(key) ?? 0) + 1)
      if ((res.status === 503 || res.status === 429) && !/^\d+$/.test(res.headers.get('retry-after') ?? '')) retryAfterMissing++
    }
    const flood = Array.from({ length: 12 }, async (_, i) => {
      for (let n = 0; flooding; n++) await call(i % 3 === 0 ? 'async-flood' : 'sync-flood', n)
    })

    const events = Array.from({ length: 12 }, (_, i) => profileEvent(`flood-${i}`, new Date(Date.UTC(2026, 10, 20) + i).toISOString()))
    for (let i = 0; i < events.length; i += 3) assert.equal((await deliver(s.url, envelope(`flood-d-${i}`, events.slice(i, i + 3)))).status, 200)
    await waitFor(
      async () => {
        const runs = await s.engine.store.listRuns({ flow: 'profile-mail', limit: 100 })
        return runs.length === events.length && runs.every((r) => r.status === 'succeeded')
      },
      'every event run to succeed during the flood',
    )
    const stillFlooding = flooding
    flooding = false
    await Promise.all(flood)

    assert.ok(stillFlooding, 'the events finished while the flood went on')
    assert.equal(gmail.sentMime().length, events.length)
    const statuses = [...answers.keys()].map((k) => Number(k.split(' ')[1]))
    assert.deepEqual(statuses.filter((code) => ![204, 202, 429, 503].includes(code)), [], `answers: ${JSON.stringify([...answers])} ${[...failures].join(' ')}`)
    assert.ok((answers.get('sync-flood 503') ?? 0) > 0, 'sync callers past the limit are told to come back')
    assert.ok((answers.get('async-flood 429') ?? 0) > 0, 'async callers past the limit are told to come back')
    assert.equal(retryAfterMissing, 0, 'every refusal says when to retry')
    t.diagnostic(`API answers during the flood: ${JSON.stringify(Object.fromEntries(answers))}; ${events.length} event runs succeeded meanwhile`)
  })
})
