/**
 * Every Okta connector card address that real Okta Workflows exports use imports to its card,
 * with the exported fields (keys and values as exports hold them) becoming valid inputs. The
 * export is built here, one card per address, so the test runs without the shared templates.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { registry } from '../../cards/index.ts'
import { loadFlowSource } from '../../engine/load.ts'
import { importFlopack } from '../../importer/index.ts'

type Field = [key: string, group: string | null, data: unknown, type?: string]

/** The okta:* addresses of the public template exports, with fields as those exports hold them, and the card each becomes. */
const ACTIONS: Record<string, [string, Field[]]> = {
  readUser: ['okta.readUser', [['ID or Login', 'User', '00u1']]],
  hTTPRequest: ['okta.customApiAction', [['requestType', 'parameters', 'GET'], ['Relative URL', 'Request', '/api/v1/apps'], ['Query', 'Request', '']]],
  addNewUserToGroup: ['okta.addUserToGroup', [['id', 'Group', '00g1'], ['id', 'User', '00u1']]],
  createUser: ['okta.createUser', [['option', 'parameters', 'getInputsnoCreds'], ['login', 'Profile', 'a@example.com'], ['firstName', 'Profile', 'A'], ['lastName', 'Profile', 'B'], ['email', 'Profile', 'a@example.com'], ['Activate', 'Activate', true, 'boolean']]],
  searchGroups: ['okta.searchGroups', [['resultSet', 'parameters', 'All Matching Records'], ['Query', 'Inputs', 'Sales']]],
  bulkUserImport: ['okta.bulkUserImport', [['application', 'parameters', '-- Enter Application ID --'], ['importOperation', 'parameters', 'upsert'], ['sessionId', 'Application', 'aps1'], ['applicationID', 'Application', '0oa1'], ['Users', 'Data', [], 'object']]],
  mapProfileSourceAttributes: ['okta.mapProfileSourceAttributes', [['importOperation', 'parameters', 'UPSERT'], ['applicationID', 'Application', '0oa1'], ['externalIdKey', 'Import Data', 'id'], ['users', 'Import Data', [], 'object']]],
  removeUserFromGroup: ['okta.removeUserFromGroup', [['id', 'Group', '00g1'], ['id', 'User', '00u1']]],
  updateUser: ['okta.updateUser', [['ID', 'User', '00u1'], ['updateSemantics', 'parameters', 'PUT'], ['ValidatedName', 'Profile', 'x']]],
  clearUserSessions: ['okta.clearUserSessions', [['ID', 'User', '00u1'], ['Revoke oauthTokens?', 'User', false, 'boolean']]],
  listUsersWithFilter: ['okta.listUsersWithFilter', [['resultSet', 'parameters', 'All Matching Records'], ['status', 'Inputs', 'ACTIVE']]],
  listUsersWithSearch: ['okta.listUsersWithSearch', [['resultSet', 'parameters', 'First 200 Matching Records'], ['status', 'Inputs', 'SUSPENDED'], ['Custom Search Criteria', 'Inputs', '']]],
  searchSystemLogs: ['okta.searchSystemLogs', [['searchBy', 'parameters', 'Expression'], ['resultSet', 'parameters', 'First Matching Record'], ['Custom Filter', 'Search By', 'eventType eq "user.session.start"']]],
  suspendUser: ['okta.suspendUser', [['id', 'User', '00u1']]],
  createAnImportSession: ['okta.createAnImportSession', [['application', 'parameters', '0oa1'], ['applicationID', 'Application', '0oa1']]],
  deactivateUser: ['okta.deactivateUser', [['id', 'User', '00u1'], ['sendEmail', 'parameters', 'No']]],
  getUsersGroups: ['okta.getUsersGroups', [['resultSet', 'parameters', 'First 200 Records'], ['ID', 'User', '00u1'], ['Limit', 'List Criteria', 100, 'number']]],
  listGroupMembers: ['okta.listGroupMembers', [['resultSet', 'parameters', 'First 200 Records'], ['groupId', 'Group', '00g1']]],
  listImportSessions: ['okta.listImportSessions', [['applicationID', 'Application', '0oa1']]],
  readGroup: ['okta.readGroup', [['ID', 'Group', '00g1']]],
  searchUsers: ['okta.findUsers', [['resultSet', 'parameters', 'First Matching Record'], ['Query', 'Inputs', 'Ann']]],
}

const EVENTS: Record<string, [string, Field[]]> = {
  userCreated: ['okta.userCreated', []],
  userAddedToApplicationMembership: ['okta.userAssignedToApplication', [['useId', 'parameters', 'No'], ['app', 'parameters', 'okta_flow_sso'], ['instance', 'parameters', '0oa1']]],
  userSuspended: ['okta.userSuspended', []],
  oktaUserProfileUpdated: ['okta.userProfileUpdated', []],
  userActivated: ['okta.userActivated', []],
  userAddedToGroupMembership: ['okta.userAddedToGroup', []],
  // Okta's "User Sign In Attempt" card, as a public single-flow export holds it.
  userSignedIn: ['okta.userSignedInAttempt', []],
}

let n = 0
function method(address: string, name: string, fields: Field[], outputs: Field[] = []) {
  const data = (list: Field[]) => Object.fromEntries(list.map(([key, group, value, type]) => [`f${++n}`, { id: `f${n}`, key, group, value: { type: type ?? 'string', collection: false, data: value } }]))
  return { uuid: `m${++n}`, address, branches: {}, joins: {}, pins: {}, node: { data: { name }, model: { config: null, inputs: { data: data(fields) }, outputs: { data: data(outputs) } } } }
}

function flow(name: string, methods: ReturnType<typeof method>[]) {
  const orderings = Object.fromEntries(methods.slice(1).map((m, i) => [`o${i}`, [methods[i]!.uuid, m.uuid]]))
  return { id: name, name, data: { uuid: `u-${name}`, orderings, methods } }
}

const okta = (key: string) => `root:channels:http:okta:1.0.677:${key}`

describe('Okta connector cards in exports', () => {
  const actions = flow('actions', [method('root:kernel:control:0.0.1:callable', 'Helper Flow', []), ...Object.entries(ACTIONS).map(([key, [, fields]]) => method(okta(key), key, fields))])
  const events = Object.entries(EVENTS).map(([key, [, fields]]) => flow(`on ${key}`, [method(okta(key), key, fields, [['collection', null, []]])]))
  const imported = importFlopack(JSON.stringify({ type: 'flopack', version: '1.2.0', data: { flos: [actions, ...events], configs: {} } }), 'keys.flopack', registry)

  it('imports every okta action address to its card, and the flow validates', () => {
    const main = imported.find((f) => f.flow.name === 'actions')!
    assert.deepEqual(main.flow.unsupported, [])
    const { plan, errors } = loadFlowSource(main.yaml, main.file, registry)
    assert.ok(plan, errors.map((e) => e.describe()).join('\n') + main.yaml)
    assert.deepEqual(plan.cards.map((c) => c.def.type), Object.values(ACTIONS).map(([type]) => type))
  })

  it('imports every okta event address to its trigger, with the Application option', () => {
    for (const [key, [type]] of Object.entries(EVENTS)) {
      const f = imported.find((i) => i.flow.name === `on ${key}`)!
      const doc = parse(f.yaml)
      assert.equal(doc.trigger.card, type, key)
      assert.ok(loadFlowSource(f.yaml, f.file, registry).plan, `${key}: ${f.yaml}`)
    }
    assert.deepEqual(parse(imported.find((i) => i.flow.name === 'on userAddedToApplicationMembership')!.yaml).trigger.options, { application: '0oa1' })
  })

  it('keeps what the exported fields say', () => {
    const cards = parse(imported.find((f) => f.flow.name === 'actions')!.yaml).cards as { card: string; inputs: Record<string, unknown> }[]
    const of = (type: string) => cards.find((c) => c.card === type)!.inputs
    assert.deepEqual(of('okta.addUserToGroup'), { 'User ID': '00u1', 'Group ID': '00g1' })
    assert.deepEqual(of('okta.updateUser'), { ID: '00u1', 'Update Semantics': 'Strict', Profile: { ValidatedName: 'x' } })
    assert.deepEqual(of('okta.createUser'), { Option: 'without Credentials', Profile: { login: 'a@example.com', firstName: 'A', lastName: 'B', email: 'a@example.com' }, Activate: true })
    assert.deepEqual(of('okta.searchGroups'), { Query: 'Sales', 'Result Set': 'All Matching Records' })
    assert.deepEqual(of('okta.deactivateUser'), { 'ID or Login': '00u1', 'Send Email?': 'No' })
    assert.deepEqual(of('okta.bulkUserImport'), { 'Import Operation': 'Create & Update', ID: '0oa1', 'Session ID': 'aps1', Users: [] })
  })
})
