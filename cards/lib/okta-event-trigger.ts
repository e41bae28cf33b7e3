/**
 * An Okta event card built from its row in okta-event-cards.ts: the outputs every event card
 * has, the actor under the card's name (Admin or Actor), each target picked by its System Log
 * type (never by position), and the card's own extras. An event missing what the card always
 * has (its actor, its user) fails the run visibly with InputError; anything else missing is null.
 */
import { type TProperties, Type } from '@sinclair/typebox'
import { type DeliveryInfo, defineTrigger, type SourceEvent } from '../../engine/card.ts'
import { InputError } from '../../engine/errors.ts'
import { debugDataOf, isObject, targetOfType } from '../../connectors/okta/events.ts'
import { applicationCondition, matchesTarget } from '../../connectors/okta/filters.ts'
import { type EventCard, eventCard, type Extra } from './okta-event-cards.ts'
import { applicationOption, commonFromEvent, commonOutputs, Entity, type EntityValue, entity, text } from './okta-event-outputs.ts'

const Text = Type.Union([Type.String(), Type.Null()])
const objectOrNull = (v: unknown) => (isObject(v) ? v : null)

const EXTRA_OUTPUTS: Record<Extra, TProperties> = {
  'Changed Attributes': { 'Changed Attributes': Type.Union([Type.String(), Type.Null()], { description: 'Names of the changed attributes, comma-separated (no values).' }) },
  Reason: { Reason: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: '`outcome.reason`, e.g. the factor type.' })) },
  Result: { Result: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: '`outcome.result`: SUCCESS, FAILURE, …' })) },
  'Profile Update': {
    'Legacy Event Type': Type.Optional(Text),
    Severity: Type.Optional(Text),
    Result: Type.Optional(Text),
    Transaction: Type.Optional(Type.Unknown()),
    'Authentication Context': Type.Optional(Type.Unknown()),
    'Security Context': Type.Optional(Type.Unknown()),
  },
  'Suspicious Activity': { Name: Type.Optional(Text), Email: Type.Optional(Text), 'User ID': Type.Optional(Text), 'Suspicious Activity Details': Type.Optional(Type.Unknown()) },
  'Policy Type': {},
}

function extraValues(extra: Extra, event: SourceEvent): Record<string, unknown> {
  const outcome = isObject(event.outcome) ? event.outcome : {}
  const actor = isObject(event.actor) ? event.actor : {}
  switch (extra) {
    case 'Changed Attributes':
      return { 'Changed Attributes': text(debugDataOf(event).changedAttributes) }
    case 'Reason':
      return { Reason: text(outcome.reason) }
    case 'Result':
      return { Result: text(outcome.result) }
    case 'Profile Update':
      return {
        'Legacy Event Type': text(event.legacyEventType),
        Severity: text(event.severity),
        Result: text(outcome.result),
        Transaction: objectOrNull(event.transaction),
        'Authentication Context': objectOrNull(event.authenticationContext),
        'Security Context': objectOrNull(event.securityContext),
      }
    case 'Suspicious Activity':
      return { Name: text(actor.displayName), Email: text(actor.alternateId), 'User ID': text(actor.id), 'Suspicious Activity Details': debugDataOf(event) }
    case 'Policy Type':
      return {}
  }
}

const PolicyEntity = Type.Object({ ...Entity.properties, 'Policy Type': Type.Optional(Text) })

/** The first target of any of `types`, as Okta's cards show it. */
function targetOf(event: SourceEvent, types: readonly string[], withPolicyType: boolean): (EntityValue & { 'Policy Type'?: string | null }) | undefined {
  for (const type of types) {
    const raw = targetOfType(event, type)
    const found = entity(raw)
    if (!found) continue
    if (!withPolicyType) return found
    const detail = isObject(raw?.detailEntry) ? raw.detailEntry : {}
    return { ...found, 'Policy Type': text(detail.policyType) }
  }
  return undefined
}

function outputsOf(card: EventCard): TProperties {
  const required = new Set(card.required ?? [])
  const targets = Object.fromEntries(
    Object.keys(card.targets).map((name) => {
      const schema = card.extras?.includes('Policy Type') && name === 'Policy' ? PolicyEntity : Entity
      return [name, required.has(name) ? schema : Type.Optional(Type.Union([schema, Type.Null()]))]
    }),
  )
  const extras = Object.assign({}, ...(card.extras ?? []).map((e) => EXTRA_OUTPUTS[e]))
  return { ...commonOutputs, ...extras, [card.actor]: Entity, ...targets }
}

function fromEvent(card: EventCard, event: SourceEvent, delivery: DeliveryInfo): Record<string, unknown> {
  const actor = entity(event.actor)
  if (!actor) throw new InputError(`event ${event.uuid} has no actor`)
  // the common outputs' object is new: added to in place (spread into a literal with a computed
  // key, it took 9 us of the 9.9 this function took per event)
  const out: Record<string, unknown> = commonFromEvent(event, delivery)
  out[card.actor] = actor
  for (const [name, types] of Object.entries(card.targets)) {
    const found = targetOf(event, types, card.extras?.includes('Policy Type') === true && name === 'Policy')
    if (!found && card.required?.includes(name)) throw new InputError(`event ${event.uuid} has no ${types[0]} target (the card's "${name}")`)
    out[name] = found ?? null
  }
  for (const extra of card.extras ?? []) Object.assign(out, extraValues(extra, event))
  return out
}

function description(card: EventCard): string {
  const targets = Object.entries(card.targets).map(([name, types]) => `\`${name}\` is the ${types.join(' or ')} target`)
  const app = card.application ? ' The `application` option limits it to one app (by label or app instance id `0oa…`) or `All Apps`.' : ''
  const sure = card.sure === 'inferred' ? ' (event type inferred from Okta\'s naming)' : ''
  return `Fires when ${card.when}: System Log \`${card.eventTypes.join('`, `')}\`${sure}. \`${card.actor}\` is who did it${targets.length > 0 ? `; ${targets.join('; ')}` : ''}.${app}`
}

const ApplicationOption = Type.Object({
  application: Type.String({ minLength: 1, default: 'All Apps', description: 'App label or app instance id (`0oa…`), or `All Apps`.' }),
})

/** The trigger for the Okta event card `okta.<id>`. */
export function oktaEventTrigger(id: string) {
  const card = eventCard(id)
  const keys = card.keys.map((k) => `okta:${k}`)
  const common = {
    type: `okta.${card.id}`,
    title: `Okta - ${card.title}`,
    description: description(card),
    kind: 'trigger' as const,
    eventTypes: card.eventTypes,
    outputs: Type.Object(outputsOf(card)),
    fromEvent: (event: SourceEvent, delivery: DeliveryInfo) => fromEvent(card, event, delivery),
  }
  if (!card.application) return defineTrigger({ ...common, options: Type.Object({}), okta: { keys } })
  return defineTrigger({
    ...common,
    options: ApplicationOption,
    okta: { keys, options: applicationOption },
    eventFilter: ({ application }) => applicationCondition(application),
    skipReason(event, { application }) {
      const condition = applicationCondition(application)
      if (!condition || matchesTarget(event, condition)) return undefined
      const app = targetOfType(event, 'AppInstance')
      return `the flow is set to application "${application}"; this event is for "${text(app?.displayName) ?? text(app?.id) ?? 'no application'}"`
    },
  })
}
