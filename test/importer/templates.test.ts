/** Okta's public template exports: each imports, and the two seed-like ones run in dry-run mode. */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { invocationsFromInput } from '../../connectors/okta/input.ts'
import { runFlow } from '../../engine/run.ts'
import { reportDir } from '../../importer/report.ts'
import { needsShared } from '../helpers.ts'
import { importFile, plansOf, sample, TEMPLATES, template } from './helpers.ts'
import { registry } from '../../cards/index.ts'

const skip = needsShared('test/importer/templates.test.ts')

/** The one flow whose trigger is not a helper, run with its helper flows available by name. */
async function runMain(name: string, input: unknown) {
  const plans = plansOf(importFile(template(name)))
  const main = [...plans.values()].find((p) => p.trigger.type !== 'control.helperFlow')!
  const [inv] = invocationsFromInput(main.trigger, input)
  assert.equal(inv?.kind, 'run')
  return runFlow(main, inv.kind === 'run' ? inv.outputs : {}, { dryRun: true, flows: (n) => plans.get(n), now: () => new Date('2026-11-20T10:00:00Z') })
}

describe('Okta template exports', () => {
  it('imports every template without an importer problem, unsupported cards named', { skip }, () => {
    const reports = reportDir(TEMPLATES, registry)
    assert.equal(reports.length, 14)
    for (const r of reports) {
      assert.equal(r.error, undefined, r.template)
      assert.deepEqual(r.problems, [], r.template)
      assert.ok(r.flows > 0 && r.supported > 0, r.template)
    }
    const total = reports.reduce((n, r) => n + r.valid, 0)
    const flows = reports.reduce((n, r) => n + r.flows, 0)
    assert.equal(total, flows, 'every imported flow validates')
    assert.deepEqual(reports.flatMap((r) => Object.keys(r.unsupported)), [], 'no card is left unsupported')
  })

  it('keeps a scheduled template\'s schedule, so the imported flow is scheduled in its time zone', { skip }, () => {
    const plans = plansOf(importFile(template('scheduled_deactivation_of_suspended_okta_users_aft')))
    const main = [...plans.values()].find((p) => p.trigger.type === 'control.scheduledFlow')!
    assert.deepEqual({ ...main.trigger.options }, { cron: '00 5 0 */1 * *', timeZone: 'America/Los_Angeles' })
    const s = main.trigger.def.schedule?.(main.trigger.options)
    // 00:05 in Los Angeles, which is 08:05 UTC in winter
    assert.equal(s?.next(new Date('2026-11-20T12:00:00Z'))?.toISOString(), '2026-11-21T08:05:00.000Z')
  })

  it('notify_user_on_profile_update stops at Continue If for the docs input, as the template does', { skip }, async () => {
    const input = JSON.parse(readFileSync(sample('test-input-profile-updated.json'), 'utf8'))
    const run = await runMain('notify_user_on_profile_update', input)
    // The template monitors primaryPhone, email and manager; the docs input changes firstName and mobilePhone.
    assert.equal(run.status, 'stopped')
    assert.equal(run.message, 'Attribute changed was not in our list of attributes to monitor')
    assert.deepEqual(run.outbound, [])
  })

  it('notify_user_on_profile_update sends the Slack message when a monitored attribute changes', { skip }, async () => {
    const run = await runMain('notify_user_on_profile_update', {
      'Changed attributes': 'email,firstName',
      Actor: { ID: '00uAdmin', 'Alternate ID': 'it.admin@example.com' },
      'Okta User': { ID: '00uJane', 'Alternate ID': 'jane.doe@example.com' },
    })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    const slack = run.outbound.find((o) => o.connector === 'slack')
    assert.ok(slack, 'a Slack request is recorded')
    const text = String(slack.request.text)
    assert.match(text, /the following attributs were changed: email,firstName/)
    assert.match(text, /updated by an administrator/)
    assert.equal(slack.request.channel, 'C9QPV3D1A')
  })

  it('send_a_welcome_email_to_new_user_of_an_application sends the welcome email to the assigned user', { skip }, async () => {
    const hook = JSON.parse(readFileSync(sample('hook-app-unassigned.json'), 'utf8'))
    const event = { ...hook.data.events[0], eventType: 'application.user_membership.add' }
    // The template is set to one app instance; the sample event is for another, so the test uses "All Apps".
    const plans = plansOf(importFile(template('send_a_welcome_email_to_new_user_of_an_application')))
    const main = [...plans.values()][0]!
    assert.equal(main.trigger.options.application, '0oazuk7rz73tHfd1m0h7')
    const [skip] = invocationsFromInput(main.trigger, event)
    assert.equal(skip?.kind, 'skip')
    const all = { ...main, trigger: { ...main.trigger, options: { application: 'All Apps' } } }
    const [inv] = invocationsFromInput(all.trigger, event)
    assert.equal(inv?.kind, 'run')
    const run = await runFlow(all, inv.kind === 'run' ? inv.outputs : {}, { dryRun: true })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    const mail = run.outbound.find((o) => o.connector === 'gmail')
    assert.ok(mail, 'a Gmail request is recorded')
    assert.match(JSON.stringify(mail.request), /Welcome to Workflows!/)
    assert.match(JSON.stringify(mail.request), /Welcome to Okta Workflows/)
  })

  it('datetime_format_converter turns an ISO 8601 date into every format, through its If/ElseIf helpers', { skip }, async () => {
    const plans = plansOf(importFile(template('datetime_format_converter')))
    const converter = plans.get('dateTimeConverter [h]')
    assert.ok(converter, 'the converter helper flow is imported')
    const input = { 'UTC (Z Time)': null, 'ISO 8601': '2026-11-20T10:02:44.901Z', EPOCH: null, UNIX: null, LDAP: null }
    const run = await runFlow(converter, input, { dryRun: true, flows: (n) => plans.get(n) })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    const out = run.cards.find((c) => c.id === 'return')?.outputs.output as Record<string, unknown>
    assert.deepEqual(out, {
      Error: '',
      'UTC (Z Time)': '2026-11-20T10:02:44.901Z',
      // Convert's iso has no fractional seconds (Okta's page); the template swaps its Z for +00:00
      'ISO 8601': '2026-11-20T10:02:44+00:00',
      EPOCH: 1795168964,
      UNIX: 1795168964901,
      LDAP: 134396425649010000,
    })
  })
})
