/** The shape an Okta event hook delivery must have before anything of it is stored. */
import type { OktaEvent } from '../engine/okta-event.ts'

export type EnvelopeCheck =
  | { ok: true; eventId: string; eventTime: string | undefined; events: OktaEvent[] }
  | { ok: false; message: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0

/** Okta's events nest a few levels; far deeper is hostile, and storing it would overflow the stack. */
export const MAX_DEPTH = 64

/** Walks without recursion, so the check itself cannot overflow. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [v, depth] = item
    if (typeof v !== 'object' || v === null) continue
    if (depth >= max) return true
    for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
  return false
}

/** Names the first field that is wrong, so whoever sent it can fix it. */
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
  for (const [i, e] of events.entries()) {
    if (!isObject(e)) return fail(`"data.events[${i}]" must be an object`)
    for (const field of ['uuid', 'eventType', 'published'] as const) {
      if (!nonEmpty(e[field])) return fail(`"data.events[${i}].${field}" must be a non-empty string`)
    }
    if (Number.isNaN(Date.parse(e.published as string))) return fail(`"data.events[${i}].published" must be an ISO date and time`)
  }
  return { ok: true, eventId: body.eventId, eventTime: body.eventTime, events: events as OktaEvent[] }
}
