/**
 * Okta's group, application, import, System Log and Custom API Action cards against a fake
 * Okta org, through the real Okta client.
 */
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { loadConnections } from '../../connectors/index.ts'
import { runFlow } from '../../engine/run.ts'
import { type FakeOkta, type Obj, OKTA_TOKEN, startFakeOkta } from '../fakes/index.ts'
import { planOf } from '../helpers.ts'
import { oktaRunner } from './okta-helpers.ts'

let okta: FakeOkta
const runCard = oktaRunner(() => okta)
const last = () => okta.requests.at(-1)!
const ids = (list: unknown) => (list as Obj[]).map((x) => x.ID)

before(async () => {
  okta = await startFakeOkta({ users: [] })
})
after(() => okta.close())
beforeEach(() => {
  okta.requests.length = 0
  const o = okta.org
  o.users.splice(0, o.users.length, { id: '00uAnn', status: 'ACTIVE', profile: { login: 'ann@example.com', email: 'ann@example.com' } }, { id: '00uBob', status: 'ACTIVE', profile: { login: 'bob@example.com' } })
  o.groups.splice(0, o.groups.length, { id: '00gEveryone', type: 'BUILT_IN', profile: { name: 'Everyone', description: 'All users' } }, { id: '00gSales', type: 'OKTA_GROUP', objectClass: ['okta:user_group'], profile: { name: 'Sales', description: null, region: 'EMEA' } })
  o.members.clear()
  o.members.set('00gEveryone', new Set(['00uAnn', '00uBob']))
  o.members.set('00gSales', new Set(['00uAnn']))
  o.apps.splice(0, o.apps.length, { id: '0oaSf', name: 'salesforce', label: 'Salesforce.com', status: 'ACTIVE', signOnMode: 'SAML_2_0' }, { id: '0oaZoom', name: 'zoomus', label: 'Zoom', status: 'ACTIVE' })
  o.appUsers.clear()
  o.appGroups.clear()
  o.sessions.clear()
  o.bulk.length = 0
})

describe('Okta group cards', () => {
  it('Create, Read, Update and Delete Group', async () => {
    const created = await runCard('okta.createGroup', { Name: 'Support', Description: 'Help desk', 'Custom Properties': { costCenter: '42' } })
    assert.deepEqual(last().json, { profile: { costCenter: '42', name: 'Support', description: 'Help desk' } })
    const id = String(created.out.ID)
    const read = await runCard('okta.readGroup', { ID: '00gSales' })
    assert.deepEqual([read.out.ID, (read.out.Profile as Obj).Name, read.out['Custom Properties'], read.out['Object Class']], ['00gSales', 'Sales', { region: 'EMEA' }, ['okta:user_group']])
    await runCard('okta.updateGroup', { ID: id, Name: 'Support EMEA' })
    assert.deepEqual([last().method, last().json], ['PUT', { profile: { name: 'Support EMEA', description: '' } }])
    const deleted = await runCard('okta.deleteGroup', { ID: id })
    assert.equal(deleted.out['Status Code'], 204)
    assert.equal(okta.org.groups.some((g) => g.id === id), false)
  })

  it('Add and Remove User from Group', async () => {
    const added = await runCard('okta.addUserToGroup', { 'User ID': '00uBob', 'Group ID': '00gSales' })
    assert.deepEqual([last().method, last().path, added.out.Status], ['PUT', '/api/v1/groups/00gSales/users/00uBob', 204])
    assert.ok(okta.org.members.get('00gSales')?.has('00uBob'))
    await runCard('okta.removeUserFromGroup', { 'User ID': '00uAnn', 'Group ID': '00gSales' })
    assert.equal(okta.org.members.get('00gSales')?.has('00uAnn'), false)
  })

  it('Search Groups by name (eq), by custom criteria, or by Query (q)', async () => {
    const byName = await runCard('okta.searchGroups', { Name: 'Sales' })
    assert.equal(last().query.get('search'), 'profile.name eq "Sales"')
    assert.deepEqual([byName.out.ID, ids(byName.out.Groups)], ['00gSales', ['00gSales']])
    await runCard('okta.searchGroups', { Type: 'OKTA_GROUP', 'Custom Search Criteria': 'profile.name sw "Sa"', 'Result Set': 'First 200 Matching Records' })
    assert.equal(last().query.get('search'), 'type eq "OKTA_GROUP" and (profile.name sw "Sa")')
    const q = await runCard('okta.searchGroups', { Query: 'Ev', 'Result Set': 'First 200 Matching Records' })
    assert.deepEqual([last().query.get('q'), ids(q.out.Groups)], ['Ev', ['00gEveryone']])
  })

  it("List Group Members and Get Users Groups", async () => {
    const members = await runCard('okta.listGroupMembers', { 'Group ID': '00gEveryone' })
    assert.deepEqual(ids(members.out.Users), ['00uAnn', '00uBob'])
    const groups = await runCard('okta.getUsersGroups', { ID: '00uAnn' })
    assert.deepEqual((groups.out.Groups as Obj[]).map((g) => (g.Profile as Obj).Name), ['Everyone', 'Sales'])
  })
})

describe('Okta application cards', () => {
  it('Search Applications, Read Application', async () => {
    const found = await runCard('okta.searchApplications', { Query: 'zoom' })
    assert.deepEqual([last().query.get('q'), ids(found.out.Applications)], ['zoom', ['0oaZoom']])
    const app = await runCard('okta.readApplication', { 'App ID': '0oaSf' })
    assert.deepEqual([app.out.Label, app.out.Name, app.out['Sign On Mode']], ['Salesforce.com', 'salesforce', 'SAML_2_0'])
  })

  it('assigns users for SSO and provisioning, reads, lists and removes the assignment', async () => {
    const sso = await runCard('okta.assignUserToApplicationForSso', { 'App ID': '0oaSf', 'User ID': '00uAnn', Credentials: { Username: 'ann', Password: 'S3cret-pass!' } })
    assert.deepEqual(last().json, { id: '00uAnn', scope: 'USER', credentials: { userName: 'ann', password: { value: 'S3cret-pass!' } } })
    assert.equal(sso.out.Status, 'ACTIVE')
    assert.doesNotMatch(JSON.stringify(sso.run), /S3cret-pass!/)
    await runCard('okta.assignUserToApplicationForSsoAndProvisioning', { 'App ID': '0oaSf', 'User ID': '00uBob', Profile: { role: 'Viewer' } })
    assert.deepEqual((last().json as Obj).profile, { role: 'Viewer' })
    const one = await runCard('okta.getAssignedUserForApplication', { 'App ID': '0oaSf', 'User ID': '00uBob' })
    assert.deepEqual([one.out.ID, one.out.Profile], ['00uBob', { role: 'Viewer' }])
    const listed = await runCard('okta.listUsersAssignedToApplication', { 'App ID': '0oaSf' })
    assert.deepEqual([last().query.get('limit'), ids(listed.out.Users)], ['200', ['00uAnn', '00uBob']])
    const apps = await runCard('okta.listApplicationsAssignedToUser', { ID: '00uAnn' })
    assert.deepEqual([last().query.get('filter'), ids(apps.out.Applications)], ['user.id eq "00uAnn"', ['0oaSf']])
    const removed = await runCard('okta.removeUserFromApplication', { 'App ID': '0oaSf', 'User ID': '00uAnn', 'Send Email?': true })
    assert.deepEqual([last().path, last().query.get('sendEmail'), removed.out.Status], ['/api/v1/apps/0oaSf/users/00uAnn', 'true', 204])
    const gone = await runCard('okta.getAssignedUserForApplication', { 'App ID': '0oaSf', 'User ID': '00uAnn' })
    assert.match(gone.error ?? '', /HTTP 404 E0000007/)
  })

  it('assigns, reads, lists and removes a group assignment', async () => {
    const assigned = await runCard('okta.assignGroupToApplication', { 'App ID': '0oaZoom', 'Group ID': '00gSales', Priority: 2 })
    assert.deepEqual([last().method, last().path, last().json], ['PUT', '/api/v1/apps/0oaZoom/groups/00gSales', { priority: 2 }])
    assert.deepEqual((assigned.out.Group as Obj).Priority, 2)
    const read = await runCard('okta.readAssignedGroupForApplication', { 'App ID': '0oaZoom', 'Group ID': '00gSales' })
    assert.equal((read.out.Group as Obj).ID, '00gSales')
    const listed = await runCard('okta.listGroupsAssignedToApplication', { 'App ID': '0oaZoom' })
    assert.deepEqual(ids(listed.out.Groups), ['00gSales'])
    const removed = await runCard('okta.removeGroupFromApplication', { 'App ID': '0oaZoom', 'Group ID': '00gSales' })
    assert.equal(removed.out.Status, 204)
    assert.equal(okta.org.appGroups.get('0oaZoom')?.size, 0)
  })
})

describe('Okta import cards', () => {
  it('open a session, map records, import them 2 per request, start the import, list sessions', async () => {
    const session = await runCard('okta.createAnImportSession', { ID: '0oaHr' })
    const id = String((session.out.Session as Obj).ID)
    assert.equal(last().path, '/api/v1/identity-sources/0oaHr/sessions')
    const mapped = await runCard('okta.mapProfileSourceAttributes', { 'External ID Key': 'emp', Users: [{ emp: 1, userName: 'a' }, { emp: 2, userName: 'b' }, { emp: 3, userName: 'c' }] })
    const users = mapped.out.Users as Obj[]
    const imported = await runCard('okta.bulkUserImport', { ID: '0oaHr', 'Session ID': id, 'Users Per Page': 2, Users: users })
    assert.equal(imported.out['Records Imported'], 3)
    assert.deepEqual(okta.org.bulk.map((b) => [b.operation, b.profiles.length]), [['bulk-upsert', 2], ['bulk-upsert', 1]])
    assert.deepEqual(okta.org.bulk[0]!.profiles[0], { externalId: '1', profile: { userName: 'a' } })
    await runCard('okta.bulkUserImport', { 'Import Operation': 'Deactivate & Delete', ID: '0oaHr', 'Session ID': id, Users: [{ 'External ID': '3' }] })
    assert.deepEqual(okta.org.bulk.at(-1), { session: id, operation: 'bulk-delete', profiles: [{ externalId: '3' }] })
    const triggered = await runCard('okta.triggerImportSession', { ID: '0oaHr', 'Session ID': id })
    assert.equal((triggered.out.Session as Obj).Status, 'TRIGGERED')
    const listed = await runCard('okta.listImportSessions', { ID: '0oaHr' })
    assert.deepEqual((listed.out.Sessions as Obj[]).map((s) => s.ID), [id])
  })

  it('Bulk User Import refuses more requests than Okta takes for one session', async () => {
    const users = Array.from({ length: 51 }, (_, i) => ({ externalId: String(i) }))
    const r = await runCard('okta.bulkUserImport', { ID: '0oaHr', 'Session ID': 'aps1', 'Users Per Page': 1, Users: users })
    assert.match(r.error ?? '', /more than 50 requests/)
    assert.equal(okta.requests.length, 0)
  })
})

describe('Okta System Log and Custom API Action', () => {
  it('Search System Logs sends the filter and window and reads the events', async () => {
    okta.org.logs.splice(0, okta.org.logs.length, { id: 'e1', uuid: 'u1', eventType: 'user.session.start', displayMessage: 'User login to Okta', published: '2026-11-20T10:00:00.000Z', actor: { id: '00uAnn', type: 'User', alternateId: 'ann@example.com' }, target: [], outcome: { result: 'FAILURE' } })
    const r = await runCard('okta.searchSystemLogs', { 'Custom Filter': 'eventType eq "user.session.start"', Since: '2026-11-19T00:00:00.000Z', Until: '2026-11-21T00:00:00.000Z' })
    assert.deepEqual([last().path, last().query.get('filter'), last().query.get('since'), last().query.get('until')], ['/api/v1/logs', 'eventType eq "user.session.start"', '2026-11-19T00:00:00.000Z', '2026-11-21T00:00:00.000Z'])
    assert.deepEqual([r.out.UUID, (r.out.Actor as Obj)['Alternate ID'], (r.out.Outcome as Obj).result], ['u1', 'ann@example.com', 'FAILURE'])
  })

  it('Custom API Action answers status, headers and body, and never lets a flow replace the token', async () => {
    const r = await runCard('okta.customApiAction', { 'Relative URL': '/api/v1/apps', Query: { limit: 5 }, Headers: { Authorization: 'SSWS stolen', 'X-Extra': 'yes' } })
    assert.deepEqual([r.out['Status Code'], last().query.get('limit'), last().headers['x-extra']], [200, '5', 'yes'])
    assert.match(String(last().headers.authorization), /^SSWS 00fake/)
    assert.deepEqual(ids((r.out.Body as Obj[]).map((a) => ({ ID: a.id }))), ['0oaSf', '0oaZoom'])
  })

  it('Custom API Action encodes each value referenced inside its URL as one segment', async () => {
    const flow = planOf(`name: roles
trigger: { id: t, card: control.helperFlow, options: { inputs: [who] } }
cards:
  - { id: c, card: okta.customApiAction, inputs: { Relative URL: "/api/v1/users/{{t.who}}/groups?expand=x" } }
`)
    const connections = loadConnections({ env: { OKTA_ORG_URL: okta.url, OKTA_API_TOKEN: OKTA_TOKEN } })
    const slashed = await runFlow(flow, { who: '00uAnn/lifecycle/deactivate?x=' }, { connections })
    assert.match(slashed.error?.message ?? '', /has an encoded "\/"/)
    assert.equal(okta.requests.length, 0, 'nothing was sent')
    const queried = await runFlow(flow, { who: '00uAnn?x=1#y' }, { connections })
    assert.equal(last().path, '/api/v1/users/00uAnn%3Fx%3D1%23y/groups')
    assert.deepEqual([...last().query.keys()], ['expand'])
    assert.match(queried.error?.message ?? '', /HTTP 404 E0000007/)
    const fine = await runFlow(flow, { who: '00uAnn' }, { connections })
    assert.equal(fine.status, 'succeeded', JSON.stringify(fine.error))
  })

  it('Custom API Action GET(Streaming) follows next links and streams each item', async () => {
    const helper = planOf(`name: each app
trigger: { id: h, card: control.helperFlow, options: { inputs: [Record, State] } }
cards:
  - { id: read, card: okta.readApplication, inputs: { App ID: "{{h.Record.id}}" } }
`)
    const r = await runCard('okta.customApiAction', { 'Request Type': 'GET(Streaming)', 'Relative URL': '/api/v1/apps', Query: { limit: 1 }, Flow: 'each app' }, [helper])
    assert.equal(r.status, 'succeeded', r.error)
    assert.equal(r.out['Records Streamed'], 2)
    assert.deepEqual(okta.requests.filter((q) => q.path.startsWith('/api/v1/apps/')).map((q) => q.path), ['/api/v1/apps/0oaSf', '/api/v1/apps/0oaZoom'])
    assert.deepEqual(okta.requests.filter((q) => q.path === '/api/v1/apps').map((q) => q.query.get('after')), [null, '1'], 'two pages of one')
  })
})
