/**
 * Update User, group membership, List Users and Deactivate User send Okta's management API requests. A fake Okta
 * listens on 127.0.0.1 and the real Okta client is pointed at it.
 */
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { loadConnections } from '../../engine/connections.ts'
import { runFlow } from '../../engine/run.ts'
import { card, planOf } from '../helpers.ts'

const TOKEN = 'ssws-test-token-123'
const seen: { method: string; url: string; body: unknown; auth: string | undefined }[] = []
let server: Server
let base = ''

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  let text = ''
  for await (const chunk of req) text += chunk
  return text ? JSON.parse(text) : undefined
}

before(async () => {
  server = createServer(async (req, res) => {
    seen.push({ method: req.method!, url: req.url!, body: await bodyOf(req), auth: req.headers.authorization })
    if (req.url!.startsWith('/api/v1/groups/')) return void res.writeHead(204).end()
    res.writeHead(200, { 'content-type': 'application/json' })
    if (req.url!.startsWith('/api/v1/users?')) return void res.end(JSON.stringify([{ id: '00u1', status: 'ACTIVE', profile: { login: 'ann@x', email: 'ann@x' } }]))
    res.end(JSON.stringify({ id: '00u1', status: 'ACTIVE', profile: { login: 'ann@x', mobilePhone: '+1 555' } }))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(() => server.close())

/** The real Okta client, built from the environment as a user would configure it. */
const connections = () => loadConnections({ env: { OKTA_ORG_URL: base, OKTA_API_TOKEN: TOKEN } })

const flow = planOf(`
name: okta cards
trigger: { id: t, card: control.helperFlow }
cards:
  - id: update
    card: okta.updateUser
    inputs: { ID: 00u1, profile: { mobilePhone: "+1 555" } }
  - id: add
    card: okta.addUserToGroup
    inputs: { User ID: 00u1, Group ID: 00gQuarantine }
  - id: remove
    card: okta.removeUserFromGroup
    inputs: { User ID: 00u1, Group ID: 00gOld }
  - id: list
    card: okta.listUsersWithFilter
    inputs: { status: SUSPENDED }
  - id: search
    card: okta.listUsersWithSearch
    inputs: { status: ACTIVE, Custom Search Criteria: 'profile.login sw "ann"' }
  - id: deactivate
    card: okta.deactivateUser
    inputs: { id: 00u1, sendEmail: "Yes" }
`)

describe('Okta user and group cards', () => {
  it('send the management API requests Okta documents, and keep the token out of history', async () => {
    seen.length = 0
    const run = await runFlow(flow, {}, { connections: connections() })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.deepEqual(
      seen.map((s) => `${s.method} ${decodeURIComponent(s.url).replaceAll('+', ' ')}`),
      [
        'POST /api/v1/users/00u1',
        'PUT /api/v1/groups/00gQuarantine/users/00u1',
        'DELETE /api/v1/groups/00gOld/users/00u1',
        'GET /api/v1/users?filter=status eq "SUSPENDED"&limit=200',
        'GET /api/v1/users?search=(status eq "ACTIVE") and (profile.login sw "ann")&limit=200',
        'POST /api/v1/users/00u1/lifecycle/deactivate?sendEmail=true',
      ],
    )
    assert.deepEqual(seen[0]!.body, { profile: { mobilePhone: '+1 555' } })
    assert.equal(seen[0]!.auth, `SSWS ${TOKEN}`)
    assert.equal(card(run, 'add').outputs.status, 'success')
    const users = card(run, 'list').outputs.Users as { ID: string; Email: string }[]
    assert.deepEqual([users[0]!.ID, users[0]!.Email], ['00u1', 'ann@x'])
    assert.deepEqual(card(run, 'deactivate').outputs, { statusCode: 200 })
    assert.ok(seen.every((s) => s.auth === `SSWS ${TOKEN}`), 'every request carries the API token')
    assert.doesNotMatch(JSON.stringify(run), new RegExp(TOKEN))
  })

  it('record the requests without sending them in dry-run mode', async () => {
    seen.length = 0
    const run = await runFlow(flow, {}, { dryRun: true })
    assert.equal(run.status, 'succeeded')
    assert.equal(seen.length, 0)
    assert.deepEqual(run.outbound.map((o) => o.operation), [
      'POST /api/v1/users/{id}',
      'PUT /api/v1/groups/{groupId}/users/{userId}',
      'DELETE /api/v1/groups/{groupId}/users/{userId}',
      'GET /api/v1/users',
      'GET /api/v1/users',
      'POST /api/v1/users/{id}/lifecycle/deactivate',
    ])
    assert.deepEqual(run.outbound.at(-1)?.request, { user: '00u1', sendEmail: true })
  })
})
