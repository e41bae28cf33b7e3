/** The outputs every Okta event card shares, and how they are read from a System Log event. */
import { type TProperties, Type } from '@sinclair/typebox'
import { debugDataOf, isObject, targetOfType } from '../../connectors/okta/events.ts'
import type { DeliveryInfo, SourceEvent } from '../../engine/card.ts'
import type { ExportedCard } from '../../engine/export-mapping.ts'

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
  Source: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The URL of the event hook that delivered it (envelope `source`).' })),
  'Debug Context': Type.Optional(Type.Object({ 'Debug Data': Type.Unknown() })),
} satisfies TProperties

export type EntityValue = { ID: string; 'Alternate ID'?: string | null; 'Display Name'?: string | null; Type?: string | null }

/** A text field of an event, or null. */
export const text = (v: unknown): string | null => (typeof v === 'string' ? v : null)

/** An actor or target as Okta's cards show it; undefined when it is missing or has no text id. */
export function entity(a: unknown): EntityValue | undefined {
  if (!isObject(a) || typeof a.id !== 'string') return undefined
  return { ID: a.id, 'Alternate ID': text(a.alternateId), 'Display Name': text(a.displayName), Type: text(a.type) }
}

export function entityOfType(event: SourceEvent, type: string): EntityValue | undefined {
  return entity(targetOfType(event, type))
}

export function commonFromEvent(event: SourceEvent, delivery: DeliveryInfo) {
  return {
    'Date and Time': typeof event.published === 'string' ? event.published : undefined,
    Message: typeof event.displayMessage === 'string' ? event.displayMessage : null,
    'Event ID': delivery.eventId,
    'Event Type': event.eventType,
    'Event Time': delivery.eventTime,
    Version: typeof event.version === 'string' ? event.version : undefined,
    UUID: event.uuid,
    Client: event.client ?? null,
    'Event Details': event,
    Headers: delivery.headers ?? {},
    Source: delivery.source ?? null,
    'Debug Context': { 'Debug Data': debugDataOf(event) },
  }
}

/** An exported app event card's Application option: an app instance id, or the app picked by name, or all apps. */
export function applicationOption(v: ExportedCard): { application: string } {
  const pick = (k: string) => {
    const value = v.rawInput(k)
    return typeof value === 'string' && value.trim() ? value.trim() : undefined
  }
  return { application: (v.rawInput('useId') === 'Yes' ? pick('appId') : pick('instance')) ?? pick('appId') ?? 'All Apps' }
}
