/**
 * Ids and logins that come from events go into Okta API paths. Every card that puts a value into
 * a path is run with hostile values: dot segments however they are spelled (`..`, `%2e%2e`,
 * `%252e%252e`, fullwidth or leader dots), slashes and backslashes, control and invisible
 * characters, a flood; none may reach Okta. Values that are odd but harmless (`?x=1`, `#`, a
 * space, `é`, `%41`) reach Okta as one percent-encoded segment, so they name no other resource.
 */
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { registry } from '../../cards/index.ts'
import { okta as oktaConnector } from '../../connectors/okta/index.ts'
import { type FakeOkta, startFakeOkta } from '../fakes/index.ts'
import { oktaRunner } from '../cards/okta-helpers.ts'

/** Each card that puts an input into a path: valid inputs, and which of them go into the path. */
const PATH_CARDS: Record<string, { inputs: Record<string, unknown>; path: string[] }> = {
  'okta.readUser': { inputs: { 'ID or Login': '00u1' }, path: ['ID or Login'] },
  'okta.updateUser': { inputs: { ID: '00u1', Profile: { title: 'x' } }, path: ['ID'] },
  'okta.activateUser': { inputs: { 'ID or Login': '00u1' }, path: ['ID or Login'] },
  'okta.deactivateUser': { inputs: { 'ID or Login': '00u1' }, path: ['ID or Login'] },
  'okta.suspendUser': { inputs: { 'ID or Login': '00u1' }, path: ['ID or Login'] },
  'okta.unsuspendUser': { inputs: { 'ID or Login': '00u1' }, path: ['ID or Login'] },
  'okta.unlockUser': { inputs: { 'ID or Login': '00u1' }, path: ['ID or Login'] },
  'okta.expirePassword': { inputs: { 'ID or Login': '00u1' }, path: ['ID or Login'] },
  'okta.resetFactors': { inputs: { 'ID or Login': '00u1' }, path: ['ID or Login'] },
  'okta.resetPassword': { inputs: { 'ID or Username': '00u1' }, path: ['ID or Username'] },
  'okta.deleteUser': { inputs: { ID: '00u1' }, path: ['ID'] },
  'okta.clearUserSessions': { inputs: { ID: '00u1' }, path: ['ID'] },
  'okta.listUserFactors': { inputs: { 'ID or Login': '00u1' }, path: ['ID or Login'] },
  'okta.getUsersGroups': { inputs: { ID: '00u1' }, path: ['ID'] },
  'okta.readGroup': { inputs: { ID: '00g1' }, path: ['ID'] },
  'okta.updateGroup': { inputs: { ID: '00g1', Name: 'G' }, path: ['ID'] },
  'okta.deleteGroup': { inputs: { ID: '00g1' }, path: ['ID'] },
  'okta.listGroupMembers': { inputs: { 'Group ID': '00g1' }, path: ['Group ID'] },
  'okta.addUserToGroup': { inputs: { 'User ID': '00u1', 'Group ID': '00g1' }, path: ['User ID', 'Group ID'] },
  'okta.removeUserFromGroup': { inputs: { 'User ID': '00u1', 'Group ID': '00g1' }, path: ['User ID', 'Group ID'] },
  'okta.readApplication': { inputs: { 'App ID': '0oa1' }, path: ['App ID'] },
  'okta.listUsersAssignedToApplication': { inputs: { 'App ID': '0oa1' }, path: ['App ID'] },
  'okta.listGroupsAssignedToApplication': { inputs: { 'App ID': '0oa1' }, path: ['App ID'] },
  'okta.assignUserToApplicationForSso': { inputs: { 'App ID': '0oa1', 'User ID': '00u1' }, path: ['App ID'] },
  'okta.assignUserToApplicationForSsoAndProvisioning': { inputs: { 'App ID': '0oa1', 'User ID': '00u1' }, path: ['App ID'] },
  'okta.getAssignedUserForApplication': { inputs: { 'App ID': '0oa1', 'User ID': '00u1' }, path: ['App ID', 'User ID'] },
  'okta.removeUserFromApplication': { inputs: { 'App ID': '0oa1', 'User ID': '00u1' }, path: ['App ID', 'User ID'] },
  'okta.assignGroupToApplication': { inputs: { 'App ID': '0oa1', 'Group ID': '00g1' }, path: ['App ID', 'Group ID'] },
  'okta.readAssignedGroupForApplication': { inputs: { 'App ID': '0oa1', 'Group ID': '00g1' }, path: ['App ID', 'Group ID'] },
  'okta.removeGroupFromApplication': { inputs: { 'App ID': '0oa1', 'Group ID': '00g1' }, path: ['App ID', 'Group ID'] },
  'okta.createAnImportSession': { inputs: { ID: '0oa1' }, path: ['ID'] },
  'okta.listImportSessions': { inputs: { ID: '0oa1' }, path: ['ID'] },
  'okta.triggerImportSession': { inputs: { ID: '0oa1', 'Session ID': 'aps1' }, path: ['ID', 'Session ID'] },
  'okta.bulkUserImport': { inputs: { ID: '0oa1', 'Session ID': 'aps1', Users: [{ externalId: 'e1' }] }, path: ['ID', 'Session ID'] },
}

/** Cards whose path is fixed: their values go into a quoted query expression or a body (tested in the card tests). */
const FIXED_PATH = ['okta.createUser', 'okta.createGroup', 'okta.findUsers', 'okta.listUsersWithFilter', 'okta.listUsersWithSearch', 'okta.searchGroups', 'okta.searchApplications', 'okta.listApplicationsAssignedToUser', 'okta.searchSystemLogs', 'okta.customApiAction']

const REFUSED: [string, string][] = [
  ['dot', '.'],
  ['dot dot', '..'],
  ['encoded dot dot', '%2e%2e'],
  ['encoded dot dot, mixed case', '%2E%2e'],
  ['half encoded', '.%2e'],
  ['double encoded dot dot', '%252e%252e'],
  ['triple encoded dot dot', '%25252e%25252e'],
  ['fullwidth dots', '\uff0e\uff0e'],
  ['two dot leader', '\u2025'],
  ['one dot leaders', '\u2024\u2024'],
  ['spaced dot dot', ' .. '],
  ['slash', 'a/b'],
  ['leading slash', '/00u1'],
  ['traversal', '../../groups/00gAdmins'],
  ['encoded slash', '00u1%2Flifecycle%2Fdeactivate'],
  ['fullwidth slash', '00u1\uff0fx'],
  ['backslash', 'a\\b'],
  ['encoded backslash', 'a%5Cb'],
  ['newline', '00u1\nx'],
  ['carriage return', '00u1\r\nX-Header: 1'],
  ['NUL', '00u1\u0000'],
  ['DEL', '00u1\u007f'],
  ['encoded NUL', '00u1%00'],
  ['right-to-left override', '00u1\u202e'],
  ['zero-width space', '00u\u200b1'],
  ['byte order mark', '\ufeff00u1'],
  ['very long', 'a'.repeat(300)],
  ['blank', '   '],
]

const ENCODED: [string, string][] = [
  ['query', '?x=1'],
  ['query after an id', '00u1?expand=x'],
  ['fragment', '#frag'],
  ['space', 'ann lee'],
  ['login', 'ann+test@example.com'],
  ['dots inside', '..a'],
  ['percent', '%41'],
  ['accent', 'jos\u00e9'],
  ['ampersand', 'a&b=c'],
  ['longest accepted', 'b'.repeat(256)],
]

describe('hostile ids and logins in Okta API paths', () => {
  let okta: FakeOkta
  const runCard = oktaRunner(() => okta)
  before(async () => {
    okta = await startFakeOkta({ users: [] })
  })
  after(() => okta.close())
  beforeEach(() => {
    okta.requests.length = 0
  })

  it('covers every Okta card that sends a request', () => {
    const sending = [...registry.cards.values()].filter((c) => c.connector === oktaConnector).map((c) => c.type)
    assert.deepEqual(sending.filter((t) => !(t in PATH_CARDS) && !FIXED_PATH.includes(t)), [], 'classify each new Okta card here')
  })

  for (const [card, { inputs, path }] of Object.entries(PATH_CARDS)) {
    for (const input of path) {
      it(`${card} "${input}": refuses ${REFUSED.length} hostile values before anything is sent, dry run or not`, async () => {
        for (const [what, value] of REFUSED) {
          for (const dryRun of [false, true]) {
            const r = await runCard(card, { ...inputs, [input]: value }, [], dryRun)
            assert.equal(r.status, 'failed', `${what}: ${JSON.stringify(value)} was accepted${dryRun ? ' (dry run)' : ''}`)
            assert.match(r.error ?? '', new RegExp(`"${input}" .*cannot go into an Okta API path`), what)
          }
        }
        assert.equal(okta.requests.length, 0)
      })

      it(`${card} "${input}": sends odd values as one encoded segment`, async () => {
        for (const [what, value] of ENCODED) {
          okta.requests.length = 0
          await runCard(card, { ...inputs, [input]: value })
          const sent = okta.requests[0]
          assert.ok(sent, `${what}: nothing was sent`)
          assert.ok(sent.path.split('/').includes(encodeURIComponent(value)), `${what}: ${sent.path} does not hold ${encodeURIComponent(value)} as one segment`)
          assert.ok(!sent.path.includes('?') && !sent.path.includes('#'), what)
        }
      })
    }
  }

  it('Custom API Action refuses a Relative URL that walks out of its path', async () => {
    const urls = ['/api/v1/users/../apps', '/api/v1/users/./x', '/api/v1/users/%2e%2e/apps', '/api/v1/users/%252E%252E/apps', '/api/v1/users/\uff0e\uff0e/apps', '//evil.example/api/v1/users', '/api/v1/users/a\\b', '/api/v1/users/x#y', '/api/v1/users/00u1%2F..%2Fapps', '/api/v1/\u0000']
    for (const url of urls) {
      const r = await runCard('okta.customApiAction', { 'Relative URL': url })
      assert.equal(r.status, 'failed', url)
    }
    assert.equal(okta.requests.length, 0)
  })
})
