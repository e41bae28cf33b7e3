/** The System Log event shape Okta sends in `data.events[]` of an event hook. */

export interface OktaActor {
  id: string
  type: string
  alternateId?: string | null
  displayName?: string | null
  detailEntry?: unknown
}

export interface OktaEvent {
  uuid: string
  published: string
  eventType: string
  version?: string
  severity?: string
  displayMessage?: string | null
  legacyEventType?: string | null
  actor?: OktaActor
  client?: Record<string, unknown> | null
  outcome?: { result?: string; reason?: string | null } | null
  target?: OktaActor[] | null
  transaction?: Record<string, unknown> | null
  debugContext?: { debugData?: Record<string, unknown> } | null
  [key: string]: unknown
}

export interface OktaHookEnvelope {
  eventType: string
  eventTypeVersion?: string
  cloudEventsVersion?: string
  source?: string
  eventId: string
  eventTime?: string
  contentType?: string
  data: { events: OktaEvent[] }
}

/** Targets are picked by type, never by position. A `target` that is not a list has none. */
export function targetOfType(event: OktaEvent, type: string): OktaActor | undefined {
  const targets: unknown = event.target
  return Array.isArray(targets) ? (targets.find((t) => isObject(t) && t.type === type) as OktaActor | undefined) : undefined
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function isHookEnvelope(v: unknown): v is OktaHookEnvelope {
  return isObject(v) && isObject(v.data) && Array.isArray(v.data.events)
}

export function isSystemLogEvent(v: unknown): v is OktaEvent {
  return isObject(v) && typeof v.eventType === 'string' && typeof v.uuid === 'string'
}
