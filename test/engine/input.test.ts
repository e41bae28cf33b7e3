import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { InputError } from '../../engine/errors.ts'
import { invocationsFromInput } from '../../connectors/okta/input.ts'
import { planOf, ROOT } from '../helpers.ts'

const profile = planOf('name: t\ntrigger: { id: e, card: okta.userProfileUpdated }\ncards: []\n')
const unassigned = planOf('name: t\ntrigger: { id: e, card: okta.userUnassignedFromApplication, options: { application: Salesforce.com } }\ncards: []\n')
const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/inputs', name), 'utf8')) as unknown

describe('test inputs', () => {
  it('takes the docs shape with any key case and spacing', () => {
    const [inv] = invocationsFromInput(profile.trigger, {
      'changed attributes': 'email',
      actor: { id: 'a1', 'alternate id': 'a@x' },
      'Okta User': { ID: 'u1', AlternateID: 'u@x' },
    })
    assert.equal(inv?.kind, 'run')
    assert.deepEqual(inv?.kind === 'run' && inv.outputs, {
      'Changed Attributes': 'email',
      Actor: { ID: 'a1', 'Alternate ID': 'a@x' },
      'Okta User': { ID: 'u1', 'Alternate ID': 'u@x' },
    })
  })

  it('names the missing fields', () => {
    assert.throws(() => invocationsFromInput(profile.trigger, { Actor: { ID: 'a' } }), (err: unknown) => {
      assert.ok(err instanceof InputError)
      assert.match(err.message, /missing "Changed Attributes", "Okta User"/)
      return true
    })
  })

  it('names an unknown field with a suggestion', () => {
    assert.throws(() => invocationsFromInput(profile.trigger, { 'Changed Attribute': 'x', Actor: { ID: 'a' }, 'Okta User': { ID: 'b' } }), /unknown field "Changed Attribute" \(did you mean "Changed Attributes"\?\)/)
  })

  it('maps a hook body to one run per event, in published order', () => {
    const invs = invocationsFromInput(profile.trigger, fixture('hook-two-profile-events.json'))
    assert.deepEqual(invs.map((i) => i.kind === 'run' && i.outputs.UUID), ['ev-early', 'ev-late'])
    const first = invs[0]!
    assert.equal(first.kind === 'run' && first.outputs['Changed Attributes'], 'email,mobilePhone')
    assert.deepEqual(first.kind === 'run' && first.outputs['Okta User'], { ID: '00uUSER', 'Alternate ID': 'user@example.com', 'Display Name': 'A User', Type: 'User' })
    assert.equal(first.kind === 'run' && first.outputs['Event ID'], 'delivery-1')
  })

  it('skips an event for another application, saying why', () => {
    const [inv] = invocationsFromInput(unassigned.trigger, fixture('hook-unassigned-other-app.json'))
    assert.equal(inv?.kind, 'skip')
    assert.match(inv?.kind === 'skip' ? inv.reason : '', /set to application "Salesforce.com"; this event is for "Zoom"/)
  })

  it('skips an event of another type', () => {
    const [inv] = invocationsFromInput(unassigned.trigger, fixture('hook-two-profile-events.json'))
    assert.match(inv?.kind === 'skip' ? inv.reason : '', /user.account.update_profile does not fire okta.userUnassignedFromApplication/)
  })
})
