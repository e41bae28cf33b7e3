/**
 * Okta's user cards against a fake Okta org, through the real Okta client: the request that
 * leaves (method, path, query, body), the outputs under Okta's names, Okta's refusals.
 */
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { type FakeOkta, type Obj, startFakeOkta } from '../fakes/index.ts'
import { oktaRunner } from './okta-helpers.ts'

const user = (id: string, login: string, status = 'ACTIVE', extra: Record<string, unknown> = {}): Obj => ({
  id,
  status,
  created: '2026-01-01T00:00:00.000Z',
  profile: { login, email: login, firstName: login.split('@')[0], lastName: 'Doe', department: 'Sales', ...extra },
})

let okta: FakeOkta
const runCard = oktaRunner(() => okta)
const last = () => okta.requests.at(-1)!

before(async () => {
  okta = await startFakeOkta({ users: [] })
})
after(() => okta.close())
beforeEach(() => {
  okta.requests.length = 0
  okta.org.users.splice(0, okta.org.users.length, user('00uAnn', 'ann@example.com'), user('00uBob', 'bob@example.com', 'SUSPENDED'), user('00uCat', 'cat@example.com', 'LOCKED_OUT'), user('00uDan', 'dan@example.com', 'STAGED'))
})

describe('Okta user cards', () => {
  it('Read User reads by login and names the base attributes as Okta does', async () => {
    const r = await runCard('okta.readUser', { 'ID or Login': 'ann@example.com' })
    assert.equal(r.status, 'succeeded', r.error)
    assert.equal(last().path, '/api/v1/users/ann%40example.com')
    assert.deepEqual([r.out.ID, r.out.Username, r.out['First name'], r.out['Primary email'], (r.out.Profile as Obj).department], ['00uAnn', 'ann@example.com', 'ann', 'ann@example.com', 'Sales'])
  })

  it('Create User sends the option\'s credentials and groups, and keeps the password out of history', async () => {
    const profile = { login: 'eve@example.com', firstName: 'Eve', lastName: 'Lee', email: 'eve@example.com' }
    const r = await runCard('okta.createUser', { Option: 'with Password & Recovery Question', Profile: profile, Credentials: { Password: 'Tr0ub4dor&3xyz', Question: 'Pet?', Answer: 'Rex' }, Activate: true })
    assert.equal(r.status, 'succeeded', r.error)
    assert.deepEqual(last().json, { profile, credentials: { recovery_question: { question: 'Pet?', answer: 'Rex' }, password: { value: 'Tr0ub4dor&3xyz' } } })
    assert.equal(last().query.get('activate'), 'true')
    assert.equal(r.out.Status, 'ACTIVE')
    assert.doesNotMatch(JSON.stringify(r.run), /Tr0ub4dor/)
    const group = await runCard('okta.createUser', { Option: 'in Group', Profile: { ...profile, login: 'fay@example.com' }, 'Group IDs': ['00gSales'] })
    assert.deepEqual((last().json as { groupIds: string[] }).groupIds, ['00gSales'])
    assert.equal(group.out.Status, 'STAGED')
  })

  it('Create User fails on Okta\'s E0000001 for a login that exists, without retrying the POST', async () => {
    okta.failNext({ kind: 'status', status: 503 })
    const failed = await runCard('okta.createUser', { Profile: { login: 'ann@example.com', firstName: 'A', lastName: 'B', email: 'ann@example.com' } })
    assert.equal(failed.status, 'failed')
    assert.match(failed.error ?? '', /not retried: the request is not idempotent/)
    const r = await runCard('okta.createUser', { Profile: { login: 'ann@example.com', firstName: 'A', lastName: 'B', email: 'ann@example.com' } })
    assert.match(r.error ?? '', /HTTP 400 E0000001 .*already exists/)
  })

  it('Update User: Partial clears empty values only when asked; Strict replaces the profile', async () => {
    await runCard('okta.updateUser', { ID: '00uAnn', Profile: { mobilePhone: '+1 555', title: '' } })
    assert.deepEqual([last().method, last().json], ['POST', { profile: { mobilePhone: '+1 555', title: null } }])
    await runCard('okta.updateUser', { ID: '00uAnn', Profile: { mobilePhone: '+1 556', title: '' }, 'Pass Empty Values?': false })
    assert.deepEqual(last().json, { profile: { mobilePhone: '+1 556' } })
    const r = await runCard('okta.updateUser', { ID: '00uAnn', 'Update Semantics': 'Strict', Profile: { login: 'ann@example.com', email: 'ann@example.com', firstName: 'Ann', lastName: 'New' } })
    assert.equal(last().method, 'PUT')
    assert.deepEqual([r.out['Last name'], (r.out.Profile as Obj).department], ['New', undefined])
  })

  it('lifecycle cards post to Okta\'s lifecycle paths and give its status code', async () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['okta.suspendUser', { 'ID or Login': '00uAnn' }, '/api/v1/users/00uAnn/lifecycle/suspend', 'SUSPENDED'],
      ['okta.unsuspendUser', { 'ID or Login': 'bob@example.com' }, '/api/v1/users/bob%40example.com/lifecycle/unsuspend', 'ACTIVE'],
      ['okta.unlockUser', { 'ID or Login': '00uCat' }, '/api/v1/users/00uCat/lifecycle/unlock', 'ACTIVE'],
      ['okta.expirePassword', { 'ID or Login': '00uCat' }, '/api/v1/users/00uCat/lifecycle/expire_password', 'PASSWORD_EXPIRED'],
      ['okta.resetFactors', { 'ID or Login': '00uAnn' }, '/api/v1/users/00uAnn/lifecycle/reset_factors', 'SUSPENDED'],
    ]
    for (const [card, inputs, path, status] of cases) {
      const r = await runCard(card, inputs)
      assert.equal(r.status, 'succeeded', `${card}: ${r.error}`)
      assert.deepEqual([last().method, last().path, r.out['Status Code']], ['POST', path, 200], card)
      const login = String(Object.values(inputs)[0]).replace('@example.com', '')
      assert.equal(okta.org.users.find((u) => u.id === login || String((u.profile as Obj).login).startsWith(login))?.status, status, card)
    }
  })

  it('Suspend User fails with Okta\'s refusal for a user that is not active', async () => {
    const r = await runCard('okta.suspendUser', { 'ID or Login': '00uBob' })
    assert.equal(r.status, 'failed')
    assert.match(r.error ?? '', /HTTP 400 E0000001/)
    assert.equal(okta.requests.length, 1)
  })

  it('Activate User gives the activation link when Okta does not email it', async () => {
    const r = await runCard('okta.activateUser', { 'ID or Login': '00uDan', 'Send Email?': 'No' })
    assert.equal(last().query.get('sendEmail'), 'false')
    assert.equal((r.out.Activation as Obj).Url, 'https://fake.okta/welcome/tok123')
    assert.equal((r.out.Activation as Obj).Token, '[REDACTED]', 'the one-time token stays out of history')
  })

  it('Deactivate User asks for async deactivation with Prefer: respond-async; Delete User deletes on the second call', async () => {
    await runCard('okta.deactivateUser', { 'ID or Login': '00uAnn', 'Asynchronous Deactivation': true, 'Send Email?': true })
    assert.deepEqual([last().headers.prefer, last().query.get('sendEmail')], ['respond-async', 'true'])
    await runCard('okta.deleteUser', { ID: '00uBob' })
    assert.equal(okta.org.users.find((u) => u.id === '00uBob')?.status, 'DEPROVISIONED')
    const r = await runCard('okta.deleteUser', { ID: '00uBob' })
    assert.deepEqual([last().method, r.out['Status Code']], ['DELETE', 204])
    assert.equal(okta.org.users.some((u) => u.id === '00uBob'), false)
  })

  it('Reset Password gives the reset URL without email, and converts to federated without email', async () => {
    const r = await runCard('okta.resetPassword', { 'ID or Username': '00uAnn', 'Send Email': false })
    assert.equal((r.out['Reset Password'] as Obj).URL, 'https://fake.okta/reset_password/abc')
    await runCard('okta.resetPassword', { 'ID or Username': '00uAnn', 'Convert to Federated User': 'Yes' })
    assert.deepEqual([last().query.get('provider'), last().query.get('sendEmail')], ['FEDERATION', 'false'])
  })

  it('Clear User Sessions and List User Factors', async () => {
    const cleared = await runCard('okta.clearUserSessions', { ID: '00uAnn', 'Revoke oauthTokens?': true })
    assert.deepEqual([last().method, last().path, last().query.get('oauthTokens'), cleared.out['Status Code']], ['DELETE', '/api/v1/users/00uAnn/sessions', 'true', 204])
    okta.org.factors.set('00uAnn', [{ id: 'mbl1', factorType: 'push', provider: 'OKTA', status: 'ACTIVE', profile: { name: 'iPhone' } }])
    const r = await runCard('okta.listUserFactors', { 'ID or Login': '00uAnn' })
    assert.deepEqual(r.out.Factors, [{ ID: 'mbl1', 'Factor Type': 'push', Provider: 'OKTA', Status: 'ACTIVE', Created: null, 'Last Updated': null, Profile: { name: 'iPhone' } }])
  })

  it('List Users with Filter and with Search build Okta\'s expressions; a value cannot leave its quotes', async () => {
    const filtered = await runCard('okta.listUsersWithFilter', { Status: 'SUSPENDED', 'Result Set': 'First 200 Matching Records' })
    assert.equal(last().query.get('filter'), 'status eq "SUSPENDED"')
    assert.deepEqual((filtered.out.Users as Obj[]).map((u) => u.ID), ['00uBob'])
    const hostile = 'x" or status eq "ACTIVE'
    const r = await runCard('okta.listUsersWithFilter', { Login: hostile, 'Result Set': 'First 200 Matching Records' })
    assert.equal(r.status, 'succeeded', r.error)
    assert.equal(last().query.get('filter'), 'profile.login eq "x\\" or status eq \\"ACTIVE"')
    assert.deepEqual(r.out.Users, [], 'the hostile value matched no one instead of every active user')
    const slashed = await runCard('okta.listUsersWithFilter', { Login: 'x\\" or status eq \\"ACTIVE' })
    assert.deepEqual(slashed.out.Users, [])
    const searched = await runCard('okta.listUsersWithSearch', { Profile: { department: 'Sales' }, Status: 'ACTIVE', 'Sort By': 'profile.login', 'Sort Order': 'DESC' })
    assert.equal(last().query.get('search'), 'status eq "ACTIVE" and profile.department eq "Sales"')
    assert.equal(last().query.get('sortOrder'), 'desc')
    assert.deepEqual((searched.out.Users as Obj[]).map((u) => u.ID), ['00uAnn'])
  })

  it('Find Users uses q; First Matching Record gives one user\'s fields at the top', async () => {
    const r = await runCard('okta.findUsers', { Query: 'ca' })
    assert.deepEqual([last().query.get('q'), last().query.get('limit')], ['ca', '1'])
    assert.deepEqual([r.out.ID, r.out.Login, (r.out.Users as Obj[]).length], ['00uCat', 'cat@example.com', 1])
    const none = await runCard('okta.findUsers', { Query: 'zz' })
    assert.deepEqual([none.out.ID, none.out.Users], [null, []])
  })
})
