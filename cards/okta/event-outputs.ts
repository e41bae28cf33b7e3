/** The outputs every Okta event card shares, and how they are read from a System Log event. */
import { type TProperties, Type } from '@sinclair/typebox'
import type { DeliveryInfo } from '../../engine/card.ts'
import { type OktaActor, type OktaEvent, targetOfType } from '../../engine/okta-event.ts'

/** Only ID, Alternate ID, Display Name and Type are filled for a user, as in Okta. */
export const Entity = Type.Object({
  ID: Type.String(),
  'Alternate ID': Type.Optional(Type.Union([Type.String(), Type.Null()])),
  'Display Name': Type.Optional(Type.Union([Type.String(), Type.Null()])),
  Type: Type.Optional(Type.Union([Type.String(), Type.Null()])),
})

export const commonOutputs = {
  'Date and Time': Type.Optional(Type.String({ description: 'When the event happened (`published`).' })),
  Message: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: '`displayMessage`' })),
  'Event ID': Type.Optional(Type.String({ description: 'The delivery\'s `eventId`.' })),
  'Event Type': Type.Optional(Type.String()),
  'Event Time': Type.Optional(Type.String({ description: 'The delivery\'s `eventTime`.' })),
  Version: Type.Optional(Type.String()),
  UUID: Type.Optional(Type.String({ description: 'The event\'s `uuid`.' })),
  Client: Type.Optional(Type.Unknown()),
  'Event Details': Type.Optional(Type.Unknown({ description: 'The raw System Log event.' })),
  Headers: Type.Optional(Type.Unknown({ description: 'The request headers, secrets removed.' })),
  'Debug Context': Type.Optional(Type.Object({ 'Debug Data': Type.Unknown() })),
} satisfies TProperties

export type EntityValue = { ID: string; 'Alternate ID'?: string | null; 'Display Name'?: string | null; Type?: string | null }

export function entity(a: OktaActor | undefined): EntityValue | undefined {
  if (!a) return undefined
  return { ID: a.id, 'Alternate ID': a.alternateId ?? null, 'Display Name': a.displayName ?? null, Type: a.type }
}

export function entityOfType(event: OktaEvent, type: string): EntityValue | undefined {
  return entity(targetOfType(event, type))
}

export function commonFromEvent(event: OktaEvent, delivery: DeliveryInfo) {
  return {
    'Date and Time': event.published,
    Message: event.displayMessage ?? null,
    'Event ID': delivery.eventId,
    'Event Type': event.eventType,
    'Event Time': delivery.eventTime,
    Version: event.version,
    UUID: event.uuid,
    Client: event.client ?? null,
    'Event Details': event,
    Headers: delivery.headers ?? {},
    'Debug Context': { 'Debug Data': event.debugContext?.debugData ?? {} },
  }
}
