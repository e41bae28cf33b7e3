/**
 * `flow okta hooks plan|apply` against a fake of Okta's Event Hooks API, with a real `flow serve`
 * engine answering Okta's verification GET: created from the flow files, idempotent, a readable
 * diff when flows change, filters for the Application option, and Okta's refusals explained.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, beforeEach, describe, it } from 'node:test'
import { type FakeOkta, OKTA_TOKEN, startFakeOkta } from '../fakes/index.ts'
import { applyCommand } from '../../cli/okta-hooks-apply.ts'
import { type PlanFlags, plan } from '../../cli/okta-hooks-plan.ts'
import { desiredHook } from '../../connectors/okta/hook-plan.ts'
import { flowCli, planOf } from '../helpers.ts'
import { HOOK_SECRET, type Running, startEngine } from '../server/helpers.ts'

const PROFILE = 'name: profile\ntrigger: { id: e, card: okta.userProfileUpdated }\ncards:\n  - { id: t, card: text.compose, inputs: { text: "{{e.Changed Attributes}}" } }\n'
const unassigned = (app: string) => `name: unassigned\ntrigger: { id: e, card: okta.userUnassignedFromApplication, options: { application: "${app}" } }\ncards:\n  - { id: t, card: text.compose, inputs: { text: "{{e.Application.Display Name}}" } }\n`
const CREATED = 'name: created\ntrigger: { id: e, card: okta.userCreated }\ncards:\n  - { id: t, card: text.compose, inputs: { text: "{{e.Okta User.ID}}" } }\n'
const API = 'name: api\ntrigger: { id: r, card: http.apiEndpoint }\ncards:\n  - { id: t, card: text.compose, inputs: { text: hi } }\n'
const DISABLED = 'name: off\nenabled: false\ntrigger: { id: e, card: okta.userSuspended }\ncards:\n  - { id: t, card: text.compose, inputs: { text: x } }\n'

const SF_FILTER = "event.target.?[type eq 'AppInstance' && (displayName eq 'Salesforce.com' || alternateId eq 'Salesforce.com')].size() > 0"

describe('flow okta hooks', () => {
  let okta: FakeOkta
  let engine: Running
  let dir: string
  const env = () => ({ OKTA_ORG_URL: okta.url, OKTA_API_TOKEN: OKTA_TOKEN, OKTA_HOOK_SECRET: HOOK_SECRET })
  /** The subcommand in this process (each `flow` process takes seconds to start here); the CLI's own wiring is tested once below. */
  const hooks = async (cmd: 'plan' | 'apply', flags: Partial<PlanFlags> = {}, environment: NodeJS.ProcessEnv = env()) => {
    const out: string[] = []
    const err: string[] = []
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }
    const all = { flows: dir, url: engine.url, name: 'cardflow', filters: true, ...flags }
    const code = await (cmd === 'plan' ? plan(all, io, environment) : applyCommand(all, io, environment))
    return { code, out: out.join(''), err: err.join('') }
  }
  const writes = () => okta.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`)
  const stored = () => okta.org.eventHooks.hooks[0]!

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cardflow-hooks-'))
    writeFileSync(join(dir, 'profile.yaml'), PROFILE)
    writeFileSync(join(dir, 'unassigned.yaml'), unassigned('Salesforce.com'))
    writeFileSync(join(dir, 'api.yaml'), API)
    writeFileSync(join(dir, 'off.yaml'), DISABLED)
    okta = await startFakeOkta()
    engine = await startEngine({ flowsDir: dir, watch: false })
  })
  after(async () => {
    await engine.close()
    await okta.close()
    rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => {
    okta.requests.length = 0
  })

  it('plan shows the hook to create from the served flows, and changes nothing', async () => {
    const r = await flowCli(['okta', 'hooks', 'plan', '--flows', dir, '--url', engine.url], env())
    assert.equal(r.code, 0, r.err)
    assert.match(r.out, /Okta event hook "cardflow" in http:\/\/127\.0\.0\.1:\d+: to create/)
    assert.match(r.out, /\+ application\.user_membership\.remove {2}<- .*unassigned\.yaml\n {6}filter {2}event\.target\.\?\[type eq 'AppInstance'/)
    assert.match(r.out, /\+ user\.account\.update_profile {2}<- .*profile\.yaml\n {6}no filter: .*profile\.yaml takes every event of this type/)
    assert.doesNotMatch(r.out, /user\.lifecycle\.suspend/, 'a disabled flow is not served')
    assert.match(r.out, /Apply will: create the hook, then have Okta verify http:\/\/127\.0\.0\.1:\d+\/hooks\/okta/)
    assert.deepEqual(writes(), [])
    assert.ok(!r.out.includes(HOOK_SECRET) && !r.err.includes(HOOK_SECRET))
  })

  it('apply creates the hook, Okta verifies it against flow serve, and it is active', async () => {
    const r = await hooks('apply')
    assert.equal(r.code, 0, r.out + r.err)
    const hook = stored()
    assert.deepEqual(writes(), ['POST /api/v1/eventHooks', `POST /api/v1/eventHooks/${hook.id}/lifecycle/verify`])
    assert.deepEqual(hook.events.items, ['application.user_membership.remove', 'user.account.update_profile'])
    assert.deepEqual(hook.events.filter, { type: 'EXPRESSION_LANGUAGE', eventFilterMap: [{ event: 'application.user_membership.remove', condition: { version: null, expression: SF_FILTER } }] })
    assert.deepEqual(hook.channel.config, { uri: `${engine.url}/hooks/okta`, headers: [], authScheme: { type: 'HEADER', key: 'authorization', value: HOOK_SECRET } })
    assert.deepEqual([hook.status, hook.verificationStatus], ['ACTIVE', 'VERIFIED'])
    const [verification] = okta.org.eventHooks.verifications
    assert.deepEqual([verification?.status, (verification?.answered as { verification: string }).verification], [200, verification?.challenge])
    assert.match(r.out, /is ACTIVE and VERIFIED/)
    assert.ok(!r.out.includes(HOOK_SECRET))
  })

  it('apply again changes nothing; plan --exit-code says so', async () => {
    const r = await hooks('apply')
    assert.equal(r.code, 0, r.err)
    assert.match(r.out, /: up to date\n/)
    assert.match(r.out, /Nothing to apply\./)
    assert.deepEqual(writes(), [])
    assert.equal((await hooks('plan', { exitCode: true })).code, 0)
  })

  it('a new flow and a changed application show as a diff, and apply replaces the hook without a new verification', async () => {
    writeFileSync(join(dir, 'created.yaml'), CREATED)
    writeFileSync(join(dir, 'unassigned.yaml'), unassigned("Bob's App"))
    const planned = await hooks('plan', { exitCode: true })
    assert.equal(planned.code, 3, planned.err)
    assert.match(planned.out, /: 1 event type\(s\) to add, 1 filter\(s\) to change/)
    assert.match(planned.out, /~ application\.user_membership\.remove .*\n {6}filter {2}- event\.target\.\?\[.*'Salesforce\.com'.*\n {14}\+ event\.target\.\?\[.*'Bob''s App'/)
    assert.match(planned.out, /\+ user\.lifecycle\.create {2}<- .*created\.yaml/)
    const id = stored().id
    const r = await hooks('apply')
    assert.equal(r.code, 0, r.err)
    assert.deepEqual(writes(), [`PUT /api/v1/eventHooks/${id}`])
    assert.deepEqual(stored().events.items, ['application.user_membership.remove', 'user.account.update_profile', 'user.lifecycle.create'])
    assert.equal(okta.requests.find((q) => q.method === 'PUT')?.json && (okta.requests.find((q) => q.method === 'PUT')!.json as { channel: { config: { authScheme: { value: string } } } }).channel.config.authScheme.value, HOOK_SECRET, 'a replace sends the secret again')
  })

  it('a flow removed, the hook deactivated in Okta, and the URL changed: one apply puts it right', async () => {
    rmSync(join(dir, 'created.yaml'))
    stored().status = 'INACTIVE'
    const url = `http://localhost:${new URL(engine.url).port}/`
    const planned = await hooks('plan', { url })
    assert.match(planned.out, /- user\.lifecycle\.create {2}\(no served flow takes it\)/)
    assert.match(planned.out, /url {5}http:\/\/127\.0\.0\.1:\d+\/hooks\/okta -> http:\/\/localhost:\d+\/hooks\/okta/)
    assert.match(planned.out, /to verify, to activate/)
    const r = await hooks('apply', { url })
    assert.equal(r.code, 0, r.err)
    const id = stored().id
    assert.deepEqual(writes(), [`PUT /api/v1/eventHooks/${id}`, `POST /api/v1/eventHooks/${id}/lifecycle/verify`, `POST /api/v1/eventHooks/${id}/lifecycle/activate`])
    assert.deepEqual([stored().status, stored().verificationStatus, stored().events.items.length], ['ACTIVE', 'VERIFIED', 2])
  })

  it('--update-secret sends the secret again, and Okta verifies again', async () => {
    const r = await hooks('apply', { url: `http://localhost:${new URL(engine.url).port}`, updateSecret: true })
    assert.equal(r.code, 0, r.err)
    assert.deepEqual(writes().map((w) => w.split('/').at(-1)), [stored().id, 'verify'])
  })

  it('when Okta cannot reach flow serve, apply says so and exits 1', async () => {
    const r = await hooks('apply', { url: 'http://127.0.0.1:9', name: 'unreachable' })
    assert.equal(r.code, 1)
    assert.match(r.err, /Okta could not verify http:\/\/127\.0\.0\.1:9\/hooks\/okta: .*HTTP 400 E0000001 .*Is flow serve running and reachable from Okta at that URL\?/)
  })

  it('refuses filters the org has not turned on, pointing to --no-filters, which works', async () => {
    okta.org.eventHooks.filtersEnabled = false
    try {
      const refused = await hooks('apply', { name: 'nofilter' })
      assert.equal(refused.code, 1)
      assert.match(refused.err, /creating the event hook: .*E0000001.*filter.*Early Access feature of Okta: turn it on, or run with --no-filters/)
      const r = await hooks('apply', { name: 'nofilter', filters: false })
      assert.equal(r.code, 0, r.err)
      assert.match(r.out, /no filter: filters turned off \(--no-filters\)/)
      assert.equal(okta.org.eventHooks.hooks.find((h) => h.name === 'nofilter')?.events.filter, undefined)
    } finally {
      okta.org.eventHooks.filtersEnabled = true
    }
  })

  it('an invalid flow, a plain-http URL or a missing secret stop before Okta is called', async () => {
    writeFileSync(join(dir, 'broken.yaml'), 'name: broken\ntrigger: { id: e, card: okta.userCreated }\ncards:\n  - { id: t, card: text.compose, inputs: { txt: x } }\n')
    try {
      const broken = await hooks('plan')
      assert.equal(broken.code, 2)
      assert.match(broken.err, /broken\.yaml:4:\d+: card "t" \(text\.compose\) has no input "txt"/)
    } finally {
      rmSync(join(dir, 'broken.yaml'))
    }
    const http = await hooks('plan', { url: 'http://engine.example.com' })
    assert.deepEqual([http.code, http.err.trim()], [2, '--url must be https:// (Okta sends event hooks only to https); got http:'])
    const secretless = await hooks('plan', { url: 'https://engine.example.com' }, { OKTA_ORG_URL: okta.url, OKTA_API_TOKEN: OKTA_TOKEN })
    assert.equal(secretless.code, 2)
    assert.match(secretless.err, /no event hook secret: set OKTA_HOOK_SECRET/)
    assert.deepEqual(okta.requests, [])
  })
})

describe('the hook the flows need', () => {
  const flow = (file: string, yaml: string) => ({ file, plan: planOf(yaml, file) })
  const opts = { name: 'cardflow', uri: 'https://engine.example.com/hooks/okta', header: 'authorization', filters: true }

  it('joins the applications of several flows on one event type with ||', () => {
    const d = desiredHook([flow('a.yaml', unassigned('Salesforce.com')), flow('b.yaml', unassigned('0oaZoom1234'))], opts)
    assert.deepEqual(d.needs.map((n) => [n.eventType, n.flows]), [['application.user_membership.remove', ['a.yaml', 'b.yaml']]])
    assert.equal((d.needs[0]!.filter as { expression: string }).expression, `(${SF_FILTER}) || (event.target.?[type eq 'AppInstance' && id eq '0oaZoom1234'].size() > 0)`)
  })

  it('sends every event of a type when one flow takes them all, or when a value cannot be a filter', () => {
    const all = desiredHook([flow('a.yaml', unassigned('Salesforce.com')), flow('b.yaml', unassigned('All Apps'))], opts)
    assert.deepEqual(all.needs[0]!.filter, { none: 'b.yaml takes every event of this type' })
    const odd = desiredHook([flow('c.yaml', unassigned('Sales\\u0007force'))], opts)
    assert.match((odd.needs[0]!.filter as { none: string }).none, /^c\.yaml: Okta cannot filter on it \(the value "Sales\\u0007force" holds a control character\); the engine filters$/)
  })
})
