/** The System Log event shape Okta sends in `data.events[]` of an event hook, and the hook's envelope. */
import { MAX_DEPTH, nestsDeeperThan } from '../../engine/json-limits.ts'

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
export function targetOfType(event: Record<string, unknown>, type: string): OktaActor | undefined {
  const targets: unknown = event.target
  return Array.isArray(targets) ? (targets.find((t) => isObject(t) && t.type === type) as OktaActor | undefined) : undefined
}

/** `debugContext.debugData` when the event has one (an object), else an empty object. */
export function debugDataOf(event: Record<string, unknown>): Record<string, unknown> {
  const context = event.debugContext
  const data = isObject(context) ? context.debugData : undefined
  return isObject(data) ? data : {}
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

/** Okta delivers events unordered; a delivery runs them in `published` order (a test input's event without a text `published` first). */
export function eventsInOrder<E extends { published: string }>(events: readonly E[]): E[] {
  const at = (e: E) => (typeof e.published === 'string' ? e.published : '')
  return [...events].sort((a, b) => at(a).localeCompare(at(b)))
}

export type EnvelopeCheck =
  | { ok: true; eventId: string; eventTime: string | undefined; source: string | undefined; events: OktaEvent[] }
  | { ok: false; message: string }

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0

/** The shape an Okta event hook delivery must have before anything of it is stored. Names the first field that is wrong, so whoever sent it can fix it. */
export function checkEnvelope(body: unknown, maxEvents: number): EnvelopeCheck {
  const fail = (message: string): EnvelopeCheck => ({ ok: false, message })
  if (!isObject(body)) return fail('the body must be a JSON object (an Okta event hook delivery)')
  if (nestsDeeperThan(body, MAX_DEPTH)) return fail(`the body nests deeper than ${MAX_DEPTH} levels`)
  if (!nonEmpty(body.eventId)) return fail('"eventId" must be a non-empty string')
  if (body.eventTime !== undefined && typeof body.eventTime !== 'string') return fail('"eventTime" must be a string')
  if (!isObject(body.data) || !Array.isArray(body.data.events)) return fail('"data.events" must be an array of events')
  const events: unknown[] = body.data.events
  if (events.length === 0) return fail('"data.events" is empty')
  if (events.length > maxEvents) return fail(`"data.events" holds ${events.length} events; at most ${maxEvents} are accepted per delivery`)
  // an event's uuid is its identity: the store keeps one event per uuid, and one run per flow of it
  const seen = new Map<string, number>()
  for (const [i, e] of events.entries()) {
    if (!isObject(e)) return fail(`"data.events[${i}]" must be an object`)
    for (const field of ['uuid', 'eventType', 'published'] as const) {
      if (!nonEmpty(e[field])) return fail(`"data.events[${i}].${field}" must be a non-empty string`)
    }
    if (Number.isNaN(Date.parse(e.published as string))) return fail(`"data.events[${i}].published" must be an ISO date and time`)
    const first = seen.get(e.uuid as string)
    if (first !== undefined) return fail(`"data.events[${i}].uuid" repeats that of data.events[${first}]: each event of a delivery has its own`)
    seen.set(e.uuid as string, i)
  }
  const source = typeof body.source === 'string' ? body.source : undefined
  return { ok: true, eventId: body.eventId, eventTime: body.eventTime, source, events: events as OktaEvent[] }
}
