/**
 * Every Okta event card: its outputs built from a System Log event of its type, targets picked by
 * type whatever their order, hostile event shapes refused or read as null but never a crash,
 * and the Application option applied the same way by the engine and by the hook's filter.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { registry } from '../../cards/index.ts'
import { EVENT_CARDS } from '../../cards/lib/okta-event-cards.ts'
import type { AnyTriggerDef, SourceEvent } from '../../engine/card.ts'
import { CardflowError } from '../../engine/errors.ts'
import { anyExpression } from '../../connectors/okta/filters.ts'

const SEED = Number(process.env.RELIABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31))

const trigger = (id: string): AnyTriggerDef => {
  const t = registry.triggers.get(`okta.${id}`)
  if (!t) throw new Error(`okta.${id} is not registered`)
  return t
}

function eventFor(types: Record<string, readonly string[]>, eventType: string): SourceEvent {
  const targets = Object.entries(types).map(([name, [type]]) => ({ id: `id-${name}`, type, alternateId: `alt-${name}`, displayName: `Name ${name}`, detailEntry: { policyType: 'OKTA_SIGN_ON' } }))
  return {
    uuid: 'e1',
    published: '2026-11-20T10:02:44.901Z',
    eventType,
    version: '0',
    displayMessage: 'Something happened',
    actor: { id: '00uAdmin', type: 'User', alternateId: 'admin@example.com', displayName: 'Admin' },
    // decoys of other types first, the real targets reversed: a card that reads by position picks wrong
    target: [{ id: 'decoy', type: 'Decoy', alternateId: 'x', displayName: 'x' }, ...targets.reverse()],
    outcome: { result: 'FAILURE', reason: 'SMS_FACTOR' },
    debugContext: { debugData: { changedAttributes: 'email' } },
  }
}

/** Events of hostile shapes: any field of any type, targets of the types cards look for and of others. */
const junk = fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }))
const hostileTarget = fc.oneof(junk, fc.record({ id: fc.oneof(fc.string(), junk), type: fc.constantFrom('User', 'UserGroup', 'AppInstance', 'AppUser', 'PolicyEntity', '__proto__', 'constructor'), alternateId: junk, displayName: junk, detailEntry: junk }))
const hostileEvent = fc.record({
  actor: fc.oneof(junk, fc.record({ id: fc.oneof(fc.string(), junk), type: junk, alternateId: junk, displayName: junk })),
  target: fc.oneof(junk, fc.array(hostileTarget, { maxLength: 5 })),
  outcome: junk,
  debugContext: fc.oneof(junk, fc.record({ debugData: junk })),
  displayMessage: junk,
  version: junk,
  client: junk,
  transaction: junk,
})

describe('Okta event cards', () => {
  it('registers one trigger per row of the event table, each with an export key', () => {
    assert.equal(EVENT_CARDS.length, 64)
    for (const card of EVENT_CARDS) {
      const t = trigger(card.id)
      assert.deepEqual(t.eventTypes, card.eventTypes)
      assert.ok(t.okta?.keys.length, card.id)
    }
    const keys = EVENT_CARDS.flatMap((c) => c.keys)
    assert.equal(new Set(keys).size, keys.length, 'export keys are unique')
  })

  for (const card of EVENT_CARDS) {
    it(`${card.title} builds its outputs from ${card.eventTypes[0]}, targets by type`, () => {
      const t = trigger(card.id)
      const out = t.fromEvent!(eventFor(card.targets, card.eventTypes[0]!), { eventId: 'd1', eventTime: '2026-11-20T10:02:45Z', source: 'https://x.okta.com/api/v1/eventHooks/who1' })
      assert.equal((out[card.actor] as { ID: string }).ID, '00uAdmin')
      for (const name of Object.keys(card.targets)) assert.equal((out[name] as { ID: string }).ID, `id-${name}`, name)
      assert.deepEqual([out['Event Type'], out['Event ID'], out.UUID, out.Source], [card.eventTypes[0], 'd1', 'e1', 'https://x.okta.com/api/v1/eventHooks/who1'])
      if (card.extras?.includes('Reason')) assert.equal(out.Reason, 'SMS_FACTOR')
      if (card.extras?.includes('Changed Attributes')) assert.equal(out['Changed Attributes'], 'email')
      if (card.extras?.includes('Policy Type')) assert.equal((out.Policy as Record<string, unknown>)['Policy Type'], 'OKTA_SIGN_ON')
    })
  }

  it('builds the same outputs again from the event as stored (its JSON), so a store may keep the event and the delivery alone', (t) => {
    const asStored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T
    const delivery = { eventId: 'd1', eventTime: '2026-11-20T10:02:45Z', source: 'https://x.okta.com/api/v1/eventHooks/who1', headers: { host: 'engine.example.com', 'user-agent': 'Okta Event Hooks' } }
    for (const card of EVENT_CARDS) {
      const event = eventFor(card.targets, card.eventTypes[0]!)
      const received = trigger(card.id).fromEvent!(event, delivery)
      assert.deepEqual(trigger(card.id).fromEvent!(asStored(event), asStored(delivery)), asStored(received), card.id)
    }
    // any event a delivery can hold (JSON), hostile shapes included: the outputs depend on its values alone
    fc.assert(
      fc.property(fc.constantFrom(...EVENT_CARDS), hostileEvent, (card, shape) => {
        const event = asStored({ ...shape, uuid: 'u', eventType: card.eventTypes[0]!, published: '2026-11-20T10:00:00Z' }) as SourceEvent
        const build = () => trigger(card.id).fromEvent!(structuredClone(event), asStored(delivery))
        let first: unknown
        try {
          first = build()
        } catch (err) {
          assert.throws(build, { message: (err as Error).message })
          return
        }
        assert.deepEqual(build(), first)
      }),
      { numRuns: 1000, seed: SEED },
    )
    t.diagnostic(`seed ${SEED}`)
  })

  it('never crashes on hostile event shapes: outputs with nulls, or an InputError naming what is missing', (t) => {
    fc.assert(
      fc.property(fc.constantFrom(...EVENT_CARDS), hostileEvent, (card, shape) => {
        const e = { ...shape, uuid: 'u', eventType: card.eventTypes[0]!, published: '2026-11-20T10:00:00Z' } as SourceEvent
        try {
          const out = trigger(card.id).fromEvent!(e, {})
          assert.equal(typeof out, 'object')
        } catch (err) {
          assert.ok(err instanceof CardflowError && err.code === 'INPUT', `${card.id}: ${(err as Error).stack}`)
        }
      }),
      { numRuns: 2000, seed: SEED },
    )
    t.diagnostic(`seed ${SEED}`)
  })
})

/**
 * The subset of Okta Expression Language the hook filters use, read back: `event.target.?[type eq
 * 'T' && (f eq 'v' || …)].size() > 0`, several joined by `||`. Lets the test check that Okta would
 * let through exactly the events the engine runs.
 */
function evaluate(expression: string, event: SourceEvent): boolean {
  const clause = /event\.target\.\?\[type eq '((?:[^']|'')*)' && \(?(.*?)\)?\]\.size\(\) > 0/g
  const results = [...expression.matchAll(clause)].map(([, type, fields]) => {
    const tests = [...fields!.matchAll(/(\w+) eq '((?:[^']|'')*)'/g)].map(([, f, v]) => [f!, v!.replaceAll("''", "'")] as const)
    const targets = Array.isArray(event.target) ? (event.target as Record<string, unknown>[]) : []
    return targets.some((t) => t?.type === type!.replaceAll("''", "'") && tests.some(([f, v]) => t[f] === v))
  })
  assert.ok(results.length > 0, `no clause read in ${expression}`)
  return results.some(Boolean)
}

describe('the Application option, in the engine and on the hook', () => {
  const apps = ['Salesforce.com', '0oaZoom1234', "Bob's App", 'All Apps']
  const eventTo = (label: string, id: string): SourceEvent => ({
    uuid: `e-${id}`,
    published: '2026-11-20T10:00:00Z',
    eventType: 'application.user_membership.remove',
    actor: { id: '00uA', type: 'User' },
    target: [{ id: '00uU', type: 'User' }, { id, type: 'AppInstance', alternateId: label, displayName: label }, { id: 'Salesforce.com', type: 'User' }],
  })
  const events = [eventTo('Salesforce.com', '0oaSf'), eventTo('Zoom', '0oaZoom1234'), eventTo("Bob's App", '0oaBob'), eventTo('Salesforce.com (old)', '0oaOld')]

  for (const card of EVENT_CARDS.filter((c) => c.application)) {
    it(`${card.title}: the hook filter lets through exactly the events the flow runs`, () => {
      const t = trigger(card.id)
      for (const application of apps) {
        const condition = t.eventFilter?.({ application })
        if (application === 'All Apps') {
          assert.equal(condition, undefined)
          continue
        }
        assert.ok(condition, application)
        const expression = anyExpression([condition])
        for (const e of events) {
          const runs = t.skipReason?.({ ...e, eventType: card.eventTypes[0]! }, { application }) === undefined
          assert.equal(evaluate(expression, e), runs, `${application} on ${e.uuid}: ${expression}`)
        }
      }
    })
  }

  it('puts a quote in an app label as Okta Expression Language writes it', () => {
    const t = trigger('userUnassignedFromApplication')
    assert.equal(anyExpression([t.eventFilter!({ application: "Bob's App" })!]), "event.target.?[type eq 'AppInstance' && (displayName eq 'Bob''s App' || alternateId eq 'Bob''s App')].size() > 0")
  })
})
