/**
 * The triggers of imported flows: User Created, User Suspended, User Assigned to Application (Okta
 * System Log events, delivered in a hook body as Okta sends them) and Scheduled Flow. Each starts
 * its flow with the outputs its description promises, and only for the events it takes.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { invocationsFromInput } from '../../connectors/okta/input.ts'
import { card, planOf, runYaml } from '../helpers.ts'
import { envelope } from '../server/helpers.ts'

const ADMIN = { id: '00uAdmin', type: 'User', alternateId: 'admin@example.com', displayName: 'Admin' }
const JANE = { id: '00uJane', type: 'User', alternateId: 'jane@example.com', displayName: 'Jane Doe' }
const APP = { id: '0oaSales', type: 'AppInstance', alternateId: 'Salesforce.com', displayName: 'Salesforce.com' }

const event = (uuid: string, eventType: string, target: unknown[]) => ({
  uuid,
  eventType,
  published: '2026-11-20T10:00:00.000Z',
  version: '0',
  displayMessage: eventType,
  actor: ADMIN,
  target,
})

/** A flow on `trigger` that writes who did what to whom; run on `input`. */
const flowOn = (trigger: string) => `name: t
trigger: { id: e, card: ${trigger} }
cards:
  - { id: said, card: text.compose, inputs: { text: "{{e.Actor.Alternate ID}} {{e.Event Type}} {{e.Okta User.Alternate ID}} ({{e.Okta User.ID}})" } }
`

describe('Okta user event triggers', () => {
  for (const [trigger, eventType] of [
    ['okta.userCreated', 'user.lifecycle.create'],
    ['okta.userSuspended', 'user.lifecycle.suspend'],
  ] as const) {
    it(`${trigger} runs on ${eventType} with the user and the actor, and skips other events`, async () => {
      const body = envelope('d-1', [event('ev-user', eventType, [JANE]), event('ev-other', 'user.session.start', [JANE])])
      const invocations = invocationsFromInput(planOf(flowOn(trigger)).trigger, body)
      assert.deepEqual(invocations.map((i) => i.kind), ['run', 'skip'])
      const [run] = await runYaml(flowOn(trigger), body)
      assert.equal(run!.status, 'succeeded', JSON.stringify(run!.error))
      assert.equal(card(run!, 'said').outputs.output, `admin@example.com ${eventType} jane@example.com (00uJane)`)
      assert.equal(run!.trigger.outputs.UUID, 'ev-user')
      assert.equal(run!.trigger.outputs['Event ID'], 'd-1')
    })
  }

  it('okta.userCreated refuses an event without a User target, saying so', () => {
    const plan = planOf(flowOn('okta.userCreated'))
    assert.throws(() => invocationsFromInput(plan.trigger, event('ev-no-user', 'user.lifecycle.create', [APP])), /event ev-no-user has no User target/)
  })
})

describe('Okta - User Assigned to Application', () => {
  const flow = (application: string) => `name: t
trigger: { id: e, card: okta.userAssignedToApplication, options: { application: "${application}" } }
cards:
  - { id: said, card: text.compose, inputs: { text: "{{e.Admin.Alternate ID}} gave {{e.Okta User.Alternate ID}} {{e.Application.Display Name}}" } }
`
  const assigned = event('ev-add', 'application.user_membership.add', [JANE, APP])

  it('runs on application.user_membership.add with the user, the app and the admin', async () => {
    for (const application of ['All Apps', 'Salesforce.com', '0oaSales']) {
      const [run] = await runYaml(flow(application), assigned)
      assert.equal(run?.status, 'succeeded', `${application}: ${JSON.stringify(run?.error)}`)
      assert.equal(card(run!, 'said').outputs.output, 'admin@example.com gave jane@example.com Salesforce.com')
    }
  })

  it('skips an assignment to another application, and the unassignment event', () => {
    const [other] = invocationsFromInput(planOf(flow('Zoom')).trigger, assigned)
    assert.equal(other?.kind, 'skip')
    assert.match(other?.kind === 'skip' ? other.reason : '', /set to application "Zoom"; this event is for "Salesforce.com"/)
    const [removed] = invocationsFromInput(planOf(flow('All Apps')).trigger, event('ev-rm', 'application.user_membership.remove', [JANE, APP]))
    assert.match(removed?.kind === 'skip' ? removed.reason : '', /does not fire okta\.userAssignedToApplication/)
  })
})

describe('Scheduled Flow', () => {
  const yaml = `name: nightly
trigger: { id: tick, card: control.scheduledFlow, options: { schedule: every day at 06:00 UTC } }
cards:
  - { id: said, card: text.compose, inputs: { text: "ran at {{tick.execution_time}}" } }
`

  it('runs on its execution time, given as the trigger output', async () => {
    const [run] = await runYaml(yaml, { 'Execution Time': '2026-11-20T06:00:00Z' })
    assert.equal(run?.status, 'succeeded', JSON.stringify(run?.error))
    assert.equal(card(run!, 'said').outputs.output, 'ran at 2026-11-20T06:00:00Z')
  })

  it('refuses a test input that is not its outputs, an Okta event included', () => {
    const { trigger } = planOf(yaml)
    assert.throws(() => invocationsFromInput(trigger, { when: 'now' }), /unknown field "when"/)
    assert.throws(() => invocationsFromInput(trigger, event('ev-x', 'user.lifecycle.create', [JANE])), /unknown field "uuid"/)
  })
})
