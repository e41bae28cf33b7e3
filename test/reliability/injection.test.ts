/**
 * Injection, end to end through the server and the fakes: event data holding `{{…}}`, Handlebars
 * helpers and partials reaches Slack and mail literally (it is data, never compiled), and where
 * it would be markup (Slack mrkdwn, HTML email bodies) it arrives escaped.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { loadConnections } from '../../connectors/index.ts'
import { type FakeGmail, type FakeServer, type FakeSlack, GMAIL_TOKEN, GRAPH_TOKEN, mimeBody, SLACK_TOKEN, startFakeGmail, startFakeGraph, startFakeSlack } from '../fakes/index.ts'
import { deliver, envelope, profileEvent, type Running, startEngine, waitFor } from '../server/helpers.ts'
import { FIXTURES, SEED, size } from './helpers.ts'

const slackText = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' }
const htmlText = (s: string) => s.replace(/[&<>"'`=]/g, (c) => HTML[c]!)

/** Template syntax, helpers, partials and markup, as an attacker would put them in a profile. */
const HOSTILE = [
  '{{constructor.constructor "return process"}}',
  '{{> evil}} {{#each this}}x{{/each}} {{lookup . "__proto__"}}',
  '{{{event.Okta User.ID}}} {{event.Actor.ID}} {{json event}}',
  '<!channel> <@U0000ANN> <https://evil.example|click here> *bold* `code`',
  '<script>alert(document.cookie)</script><img src=x onerror="alert(1)">',
  'Tom & Jerry\'s "quote" =`x`',
]

describe('event data is data: no template, helper or markup injection', () => {
  let slack: FakeSlack
  let gmail: FakeGmail
  let graph: FakeServer
  let s: Running
  before(async () => {
    ;[slack, gmail, graph] = await Promise.all([startFakeSlack(), startFakeGmail(), startFakeGraph()])
    const env = { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slack.url, GMAIL_ACCESS_TOKEN: GMAIL_TOKEN, GMAIL_API_URL: gmail.url, GRAPH_ACCESS_TOKEN: GRAPH_TOKEN, GRAPH_API_URL: graph.url }
    s = await startEngine({ flowsDir: `${FIXTURES}connector-flows`, connections: loadConnections({ env }) })
  })
  after(async () => {
    await s.close()
    await Promise.all([slack.close(), gmail.close(), graph.close()])
  })

  it('sends hostile and generated names literally, escaped only where they would be markup', async (t) => {
    const generated = fc.sample(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), { numRuns: size(40, 400), seed: SEED })
    const names = [...HOSTILE, ...generated]
    const events = names.map((name, i) => {
      const e = profileEvent(`inj-${i}`, new Date(Date.UTC(2026, 10, 20) + i).toISOString(), `email,${HOSTILE[i % HOSTILE.length]}`)
      e.target[0]!.displayName = name
      return e
    })
    for (let i = 0; i < events.length; i += 100) {
      assert.equal((await deliver(s.url, envelope(`inj-d-${i}`, events.slice(i, i + 100)))).status, 200)
    }
    let ended = 0
    const runs = await waitFor(
      async () => {
        const all = await s.engine.store.listRuns({ limit: 10_000 })
        ended = all.filter((r) => r.status === 'succeeded' || r.status === 'failed').length
        return all.length === events.length * 3 && ended === all.length && all
      },
      'every run to end',
      { progress: () => ended },
    )
    assert.deepEqual(runs.filter((r) => r.status === 'failed').map((r) => r.error), [])

    // each message names its event: `[uuid]` in Slack text and in mail subjects
    const uuidIn = (text: string) => /\[(inj-\d+)\]/.exec(text)?.[1]
    const slackByUuid = new Map(slack.calls('chat.postMessage').map((r) => [uuidIn(r.form!.get('text')!), r.form!.get('text')] as const))
    const gmailByUuid = new Map(gmail.sentMime().map((m) => [uuidIn(m), mimeBody(m)] as const))
    type GraphMail = { message: { subject: string; body: { content: string } } }
    const graphByUuid = new Map(graph.requests.map((r) => (r.json as GraphMail).message).map((m) => [uuidIn(m.subject), m.body.content] as const))
    for (const [i, name] of names.entries()) {
      const changed = `email,${HOSTILE[i % HOSTILE.length]}`
      assert.equal(slackByUuid.get(`inj-${i}`), `[inj-${i}] *${slackText(name)}* changed ${slackText(changed)}`)
      const html = `<p><b>${htmlText(name)}</b> changed ${htmlText(changed)}</p>`
      assert.equal(gmailByUuid.get(`inj-${i}`), html, `Gmail body for ${JSON.stringify(name)}`)
      assert.equal(graphByUuid.get(`inj-${i}`), html, `Graph body for ${JSON.stringify(name)}`)
    }
    t.diagnostic(`seed ${SEED}: ${names.length} hostile names (${HOSTILE.length} written, ${generated.length} generated) through Slack, Gmail and Graph`)
  })
})
