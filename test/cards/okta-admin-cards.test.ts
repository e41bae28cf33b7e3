/**
 * Custom API Action, Create User, Clear User Sessions and Get User's Groups (listed and streamed to
 * a helper flow) send Okta's management API requests through the real Okta client to a fake Okta.
 */
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import type { FlowPlan } from '../../engine/check.ts'
import { loadConnections } from '../../engine/connections.ts'
import { runFlow } from '../../engine/run.ts'
import { type FakeServer, startFakeServer } from '../fakes/index.ts'
import { card, planOf } from '../helpers.ts'

const TOKEN = 'ssws-admin-cards-token-42'
const GROUPS = [
  { id: '00gEveryone', type: 'BUILT_IN', profile: { name: 'Everyone', description: 'All users' } },
  { id: '00gSales', type: 'OKTA_GROUP', profile: { name: 'Sales', description: null } },
]

let okta: FakeServer
before(async () => {
  okta = await startFakeServer((req) => {
    if (req.headers.authorization !== `SSWS ${TOKEN}`) return { status: 401, body: { errorCode: 'E0000011', errorSummary: 'Invalid token provided' } }
    if (req.method === 'GET' && req.path === '/api/v1/apps') return { status: 200, body: [{ id: '0oa1', label: 'Salesforce.com' }], headers: { 'x-rate-limit-remaining': '99' } }
    if (req.method === 'POST' && req.path === '/api/v1/users') return { status: 200, body: { id: '00uNew', status: req.query.get('activate') === 'true' ? 'ACTIVE' : 'STAGED', created: '2026-11-20T10:00:00.000Z', profile: (req.json as { profile: unknown }).profile } }
    if (req.method === 'DELETE' && /^\/api\/v1\/users\/[^/]+\/sessions$/.test(req.path)) return { status: 204 }
    if (req.method === 'GET' && req.path === '/api/v1/users/00uJane/groups') return { status: 200, body: GROUPS }
    if (req.method === 'DELETE' && req.path.startsWith('/api/v1/groups/')) return { status: 204 }
    return { status: 404, body: { errorCode: 'E0000007', errorSummary: `Not found: ${req.path}` } }
  })
})
after(() => okta.close())
afterEach(() => okta.reset())

const connections = () => loadConnections({ env: { OKTA_ORG_URL: okta.url.replace(/\/$/, ''), OKTA_API_TOKEN: TOKEN } })
const run = (plan: FlowPlan, flows: FlowPlan[] = []) =>
  runFlow(plan, {}, { connections: connections(), flows: (name) => flows.find((f) => f.name === name) })

const HEAD = 'name: admin\ntrigger: { id: t, card: control.helperFlow }\ncards:\n'

describe('Okta admin cards', () => {
  it('Custom API Action answers status, headers and body', async () => {
    const r = await run(planOf(`${HEAD}  - { id: apps, card: okta.customApiAction, inputs: { Relative URL: /api/v1/apps, Query: { limit: 5 } } }\n`))
    assert.equal(r.status, 'succeeded', JSON.stringify(r.error))
    const out = card(r, 'apps').outputs
    assert.equal(out['Status Code'], 200)
    assert.equal((out.Headers as Record<string, string>)['x-rate-limit-remaining'], '99')
    assert.deepEqual(out.Body, [{ id: '0oa1', label: 'Salesforce.com' }])
    assert.equal(okta.requests.at(-1)?.query.get('limit'), '5')
  })

  it('Custom API Action never lets a flow replace the API token', async () => {
    await run(planOf(`${HEAD}  - { id: apps, card: okta.customApiAction, inputs: { Relative URL: /api/v1/apps, Headers: { Authorization: SSWS stolen, X-Extra: yes } } }\n`))
    const sent = okta.requests.at(-1)!
    assert.equal(sent.headers.authorization, `SSWS ${TOKEN}`)
    assert.equal(sent.headers['x-extra'], 'yes')
  })

  it('Create User posts the profile, activated when asked', async () => {
    const r = await run(planOf(`${HEAD}  - { id: create, card: okta.createUser, inputs: { profile: { login: ann@example.com, firstName: Ann, lastName: Lee, email: ann@example.com, role: Support }, Activate: true } }\n`))
    assert.equal(r.status, 'succeeded', JSON.stringify(r.error))
    const sent = okta.requests.at(-1)!
    assert.equal(sent.query.get('activate'), 'true')
    assert.deepEqual(sent.json, { profile: { login: 'ann@example.com', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', role: 'Support' } })
    assert.deepEqual([card(r, 'create').outputs.ID, card(r, 'create').outputs.Status], ['00uNew', 'ACTIVE'])
  })

  it('Clear User Sessions deletes the sessions, revoking OAuth tokens when asked', async () => {
    const r = await run(planOf(`${HEAD}  - { id: clear, card: okta.clearUserSessions, inputs: { ID: 00uJane, Revoke oauthTokens?: true } }\n`))
    assert.equal(card(r, 'clear').outputs['Status Code'], 204)
    const sent = okta.requests.at(-1)!
    assert.deepEqual([sent.method, sent.path, sent.query.get('oauthTokens')], ['DELETE', '/api/v1/users/00uJane/sessions', 'true'])
  })

  it("Get User's Groups lists the groups, or streams each to a helper flow with the state", async () => {
    const listed = await run(planOf(`${HEAD}  - { id: groups, card: okta.getUsersGroups, inputs: { ID: 00uJane } }\n`))
    assert.deepEqual((card(listed, 'groups').outputs.Groups as { Name: string }[]).map((g) => g.Name), ['Everyone', 'Sales'])
    const helper = planOf(`name: Leave group
trigger: { id: h, card: control.helperFlow, options: { inputs: [Record, State] } }
cards:
  - { id: okOnly, card: control.continueIf, inputs: { a: "{{h.Record.Type}}", operator: equal, b: OKTA_GROUP } }
  - { id: leave, card: okta.customApiAction, inputs: { Request Type: DELETE, Relative URL: "/api/v1/groups/{{h.Record.ID}}/users/{{h.State.userId}}" } }
`)
    const streamed = await run(planOf(`${HEAD}  - { id: groups, card: okta.getUsersGroups, inputs: { ID: 00uJane, flow: Leave group, state: { userId: 00uJane } } }\n`), [helper])
    assert.equal(streamed.status, 'succeeded', JSON.stringify(streamed.error))
    assert.equal(card(streamed, 'groups').outputs['Records Streamed'], 2)
    const deletes = okta.requests.filter((q) => q.method === 'DELETE' && q.path.startsWith('/api/v1/groups/'))
    assert.deepEqual(deletes.map((q) => q.path), ['/api/v1/groups/00gSales/users/00uJane'])
  })
})
