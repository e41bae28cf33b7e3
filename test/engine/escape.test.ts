import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { card, profileInput, runYaml } from '../helpers.ts'

const HEAD = 'name: t\ntrigger:\n  id: event\n  card: okta.userProfileUpdated\ncards:\n'
const HOSTILE = '<!channel> & <https://evil.example|click> <script>alert(1)</script>'

function input() {
  const i = profileInput('admin', 'u1', 'email')
  i['Okta User']['Alternate ID'] = HOSTILE
  return i
}

async function outboundOf(cards: string) {
  const [run] = await runYaml(`${HEAD}${cards}`, input())
  assert.equal(run!.status, 'succeeded', JSON.stringify(run!.error))
  return run!
}

describe('event data cannot inject markup', () => {
  it('escapes values dropped into Slack text, and keeps the author\'s own markup', async () => {
    const run = await outboundOf(`  - { id: s, card: slack.sendMessageToChannel, inputs: { channel: "#c", text: "<https://ok.example|docs> for {{event.Okta User.Alternate ID}}" } }\n`)
    assert.equal(run.outbound[0]!.request.text, '<https://ok.example|docs> for &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; &lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('escapes a composed text once: at the Slack card for a plain Compose', async () => {
    const run = await outboundOf(`  - { id: m, card: text.compose, inputs: { text: "hi {{event.Okta User.Alternate ID}}" } }
  - { id: s, card: slack.sendMessageToChannel, inputs: { channel: "#c", text: "{{m.output}}" } }
`)
    assert.equal(card(run, 'm').outputs.output, `hi ${HOSTILE}`)
    assert.equal(run.outbound[0]!.request.text, 'hi &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; &lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('escapes a composed text once: in a Compose with format slack, whose markup then reaches Slack as written', async () => {
    const run = await outboundOf(`  - { id: m, card: text.compose, inputs: { format: slack, text: "<@U123> see {{event.Okta User.Alternate ID}}" } }
  - id: b
    card: control.ifElse
    inputs: { a: 1, operator: equal, b: 1 }
    then: [{ id: t, card: text.compose, inputs: { format: slack, text: "*{{m.output}}*" } }]
    else: [{ id: e, card: text.compose, inputs: { format: slack, text: "_{{m.output}}_" } }]
    outputs: { msg: { then: "{{t.output}}", else: "{{e.output}}" } }
  - { id: s, card: slack.sendMessageToChannel, inputs: { channel: "#c", text: "{{b.msg}} ({{m.output}})" } }
`)
    const once = '&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; &lt;script&gt;alert(1)&lt;/script&gt;'
    assert.equal(run.outbound[0]!.request.text, `*<@U123> see ${once}* (<@U123> see ${once})`)
  })

  it('escapes helper output in Slack text too', async () => {
    const run = await outboundOf(`  - { id: l, card: list.construct, inputs: { items: ["{{event.Okta User.Alternate ID}}", "b"] } }
  - { id: s, card: slack.sendMessageToChannel, inputs: { channel: "#c", text: "{{join l.list \\" / \\"}}" } }
`)
    assert.equal(run.outbound[0]!.request.text, '&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; &lt;script&gt;alert(1)&lt;/script&gt; / b')
  })

  it('escapes values in an HTML email body, and not in a text one', async () => {
    const html = await outboundOf(`  - { id: g, card: gmail.sendEmail, inputs: { To: a@example.com, Subject: "s {{event.Okta User.Alternate ID}}", Body: "<p>Hi {{event.Okta User.Alternate ID}}</p>", Body is HTML?: true } }\n`)
    assert.equal(html.outbound[0]!.request.body, '<p>Hi &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; &lt;script&gt;alert(1)&lt;/script&gt;</p>')
    assert.equal(html.outbound[0]!.request.subject, `s ${HOSTILE}`)
    const text = await outboundOf(`  - { id: g, card: gmail.sendEmail, inputs: { To: a@example.com, Subject: s, Body: "Hi {{event.Okta User.Alternate ID}}" } }\n`)
    assert.equal(text.outbound[0]!.request.body, `Hi ${HOSTILE}`)
  })

  it('escapes values in an HTML Office 365 body', async () => {
    const run = await outboundOf(`  - { id: o, card: office365.sendEmail, inputs: { To: a@example.com, Subject: s, Body: "<b>{{event.Okta User.Alternate ID}}</b>", Message Type: HTML } }\n`)
    assert.match(String(run.outbound[0]!.request.body ?? JSON.stringify(run.outbound[0]!.request)), /<b>&lt;!channel&gt; &amp;/)
  })

  it('decides on the value the card gets: a flag set by a reference escapes event values like a written one', async () => {
    const once = '&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; &lt;script&gt;alert(1)&lt;/script&gt;'
    const FLAGS = `  - { id: flag, card: boolean.compare, inputs: { a: 1, operator: equal, b: 1 } }
  - { id: type, card: text.compose, inputs: { text: HTML } }
  - { id: f, card: text.compose, inputs: { text: html } }
`
    for (const [type, flag] of [['gmail.sendEmail', 'Body is HTML?: "{{flag.result}}"'], ['office365.sendEmail', 'Message Type: "{{type.output}}"']]) {
      const run = await outboundOf(`${FLAGS}  - { id: m, card: ${type}, inputs: { To: a@example.com, Subject: s, Body: "<p>{{event.Okta User.Alternate ID}}</p>", ${flag} } }\n`)
      assert.equal(run.outbound[0]!.request.body, `<p>${once}</p>`, `${type} ${flag}`)
    }
    // a Compose whose format comes from a reference escapes too, and its output is not escaped again
    const composed = await outboundOf(`${FLAGS}  - { id: c, card: text.compose, inputs: { format: "{{f.output}}", text: "<b>{{event.Okta User.Alternate ID}}</b>" } }
  - { id: m, card: gmail.sendEmail, inputs: { To: a@example.com, Subject: s, Body: "<div>{{c.output}}</div>", Body is HTML?: "{{flag.result}}" } }
`)
    assert.equal(composed.outbound[0]!.request.body, `<div><b>${once}</b></div>`)
  })

  it('checks the escaped value against the card\'s limits again: escaping can make a text too long', async () => {
    const cards = '  - { id: s, card: slack.sendMessageToChannel, inputs: { channel: "#c", text: "{{event.Okta User.Alternate ID}}" } }\n'
    // 20,000 characters pass Slack's 40,000 as they come, and are 80,000 once escaped
    const i = profileInput('admin', 'u1', 'email')
    i['Okta User']['Alternate ID'] = '<'.repeat(20_000)
    const [run] = await runYaml(`${HEAD}${cards}`, i)
    assert.equal(run!.status, 'failed')
    assert.equal(run!.error?.cardId, 's')
    assert.match(run!.error?.message ?? '', /text.*40000/)
    assert.equal(run!.outbound.length, 0, 'nothing was sent')
    // what needs no escaping is checked once and goes out as it is
    i['Okta User']['Alternate ID'] = 'a'.repeat(20_000)
    const [plain] = await runYaml(`${HEAD}${cards}`, i)
    assert.equal(plain!.status, 'succeeded', JSON.stringify(plain!.error))
    assert.equal(plain!.outbound[0]!.request.text, 'a'.repeat(20_000))
  })
})
