/**
 * Event data in mail recipients: a value from a reference gives at most one recipient in To,
 * CC, BCC, From or Reply-To of Gmail and Office 365, whatever it holds; an invalid one fails the
 * card naming the field; the author's own text may list several. Hostile logins and display
 * names (written and generated) go through the seed flow and through templates mixing the
 * author's text with references; the recipients that leave are read from the real MIME message.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { buildMime } from '../../cards/gmail/send-email.ts'
import type { RunRecord } from '../../engine/history.ts'
import { mimeHeaders } from '../fakes/mime.ts'
import { planOf, ROOT } from '../helpers.ts'
import { runFlow } from '../../engine/run.ts'
import { SEED, size } from './helpers.ts'

const ATTACKER = 'evil@attacker.example'
/** Logins and display names an attacker can set on their own Okta profile. */
const HOSTILE = [
  `jane@example.com, ${ATTACKER}`,
  `jane@example.com; ${ATTACKER}`,
  `jane@example.com ${ATTACKER}`,
  `Jane <jane@example.com>, <${ATTACKER}>`,
  `"Jane" <jane@example.com>,${ATTACKER}`,
  `jane@example.com\r\nBcc: ${ATTACKER}`,
  `jane@example.com\nCc: ${ATTACKER}`,
  `Team: jane@example.com, ${ATTACKER};`,
  `${ATTACKER} (jane@example.com)`,
  `jane@example.com>, <${ATTACKER}`,
  `"jane@example.com, ${ATTACKER}"`,
  `jane@example.com%0d%0aBcc:${ATTACKER}`,
  `=?utf-8?Q?jane=40example.com=2C${ATTACKER}?=`,
]

const HEAD = 'name: t\ntrigger:\n  id: event\n  card: okta.userUnassignedFromApplication\n  options: { application: All Apps }\ncards:\n'
/** Every shape a reference can take in an address input: alone, with a name, after the author's own, in a list. */
const SHAPES = [
  '"{{event.Okta User.Alternate ID}}"',
  '"{{event.Okta User.Display Name}} <{{event.Okta User.Alternate ID}}>"',
  '"Ops <ops@example.com>, {{event.Okta User.Alternate ID}}"',
  '["{{event.Okta User.Alternate ID}}", "{{event.Okta User.Display Name}}"]',
]
const mailCard = (card: string, field: string, value: string) =>
  `  - { id: m, card: ${card}, inputs: { ${field === 'To' ? '' : 'To: ops@example.com, '}Subject: s, Body: b, ${field}: ${value} } }\n`
const INPUTS = ['To', 'CC', 'BCC', 'Reply-To', 'From']

function input(login: string, name: string) {
  return {
    'Date and Time': '2026-11-20T10:02:44.901Z',
    Admin: { ID: '00uA', 'Alternate ID': 'admin@example.com', 'Display Name': 'Admin' },
    'Okta User': { ID: '00uJ', 'Alternate ID': login, 'Display Name': name },
    Application: { ID: '0oa1', 'Alternate ID': 'app', 'Display Name': 'App' },
  }
}

/** Recipients the field may hold: the author's own addresses, plus one per reference. */
const ALLOWED = [1, 2, 2, 2]

/** The run either failed naming the field, or sent the field at most its allowed recipients, none of them the attacker. */
function assertAtMostOnePerReference(run: RunRecord, field: string, shape: number, what: string) {
  if (run.status === 'failed') {
    assert.equal(run.error?.code, 'CARD_FAILED', `${what}: ${run.error?.message}`)
    assert.match(run.error!.message, new RegExp(`input "${field}": `), what)
    return
  }
  assert.equal(run.status, 'succeeded', what)
  const request = run.outbound[0]!.request as Record<string, string[] | string>
  const key = { To: 'to', CC: 'cc', BCC: 'bcc', 'Reply-To': 'replyTo', From: 'from' }[field]!
  const listed = ([] as string[]).concat(request[key] ?? [])
  assert.ok(listed.length <= (field === 'From' ? 1 : ALLOWED[shape]!), `${what}: ${JSON.stringify(listed)}`)
  // (shape 3 puts the display name itself where an address goes: one recipient, whatever it names)
  const addresses = Object.values(request).flat().map((a) => /<([^<>]+)>$/.exec(String(a))?.[1] ?? String(a))
  assert.ok(shape === 3 || !addresses.includes(ATTACKER), `${what}: the attacker became a recipient: ${JSON.stringify(request)}`)
}

describe('event data in mail recipients', () => {
  it('keeps the seed flow to one recipient, the user, whatever their login and name hold', async () => {
    const seed = planOf(readFileSync(join(ROOT, 'flows/app-unassignment-email.yaml'), 'utf8'))
    for (const login of HOSTILE) {
      const run = await runFlow(seed, { ...input(login, 'Jane'), Application: { ...input(login, 'Jane').Application, 'Display Name': 'Salesforce.com' } }, { dryRun: true })
      assert.equal(run.status, 'failed', `${JSON.stringify(login)} was sent: ${JSON.stringify(run.outbound[0]?.request)}`)
      assert.match(run.error!.message, /input "To": .* from a reference is not one email address/)
      assert.deepEqual(run.outbound, [], 'nothing left')
    }
  })

  it('gives at most one recipient per reference in every address input of Gmail and Office 365', async (t) => {
    let runs = 0
    let refused = 0
    const generated = fc.sample(
      fc.tuple(fc.constantFrom('', ' ', ',', ';', '<', '>', '"', '\r\n', ':', '\\'), fc.constantFrom(ATTACKER, 'jane@example.com', 'Jane')).map(([sep, part]) => `jane@example.com${sep}${part}`),
      { numRuns: size(40, 400), seed: SEED },
    )
    for (const card of ['gmail.sendEmail', 'office365.sendEmail']) {
      for (const field of INPUTS) {
        for (const [n, shape] of SHAPES.entries()) {
          if (field === 'From' && n > 0) continue
          const plan = planOf(HEAD + mailCard(card, field, shape))
          for (const login of ['jane@example.com', 'zoë@exämple.com', ...HOSTILE, ...generated]) {
            for (const name of ['Jane', `Jane, ${ATTACKER}`, `Jane <${ATTACKER}>`, `"Doe, Jane"`]) {
              const run = await runFlow(plan, input(login, name), { dryRun: true })
              runs++
              if (run.status === 'failed') refused++
              assertAtMostOnePerReference(run, field, n, `${card} ${field} ${JSON.stringify(login)} / ${JSON.stringify(name)}`)
            }
          }
        }
      }
    }
    assert.ok(refused < runs, 'plain logins are sent')
    t.diagnostic(`seed ${SEED}: ${runs} runs (2 plain, ${HOSTILE.length} hostile written and ${generated.length} generated logins × 4 names × every address input and shape), ${refused} refused naming the field`)
  })

  it('still lets the author list several addresses, and a referenced list give one recipient per item', async () => {
    const plan = planOf(`${HEAD}  - { id: l, card: list.construct, inputs: { items: ["{{event.Okta User.Alternate ID}}", "b@example.com"] } }
  - { id: m, card: gmail.sendEmail, inputs: { To: "Ops <ops@example.com>, it@example.com", CC: "{{l.list}}", Subject: s, Body: b } }\n`)
    const run = await runFlow(plan, input('jane@example.com', 'Jane'), { dryRun: true })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.deepEqual(run.outbound[0]!.request.to, ['Ops <ops@example.com>', 'it@example.com'])
    assert.deepEqual(run.outbound[0]!.request.cc, ['jane@example.com', 'b@example.com'])
  })

  it('puts a hostile display name in the message as a name only: no header, no recipient', async () => {
    const plan = planOf(HEAD + mailCard('gmail.sendEmail', 'To', SHAPES[1]!))
    const run = await runFlow(plan, input('jane@example.com', `Jane\r\nBcc: ${ATTACKER}\r\n`), { dryRun: true })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    const to = run.outbound[0]!.request.to as string[]
    assert.equal(to.length, 1)
    const mime = Buffer.from(await buildMime({ from: undefined, to: [{ name: 'Jane Bcc: x', address: 'jane@example.com' }], cc: [], bcc: [], replyTo: [], subject: `s\r\nBcc: ${ATTACKER}`, body: 'b', html: false }), 'base64url').toString()
    assert.equal(mimeHeaders(mime).get('bcc'), undefined)
    assert.ok(!/^(bcc|cc):/im.test(mime), mime)
  })
})
