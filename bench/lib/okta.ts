/**
 * Okta event hook deliveries for the benchmarks, built from the real sample in examples/ so each
 * event has Okta's full size (~1.7 KB). Bodies are made by string splicing: the load generator
 * must cost far less than the engine it measures.
 */
import { readFileSync } from 'node:fs'

export const HOOK_SECRET = 'Bearer bench-hook-secret-7d1f0a'
export const SLACK_TOKEN = 'xoxb-bench-0000-token'
export const SLACK_CHANNEL = 'okta-profile-changes'

/** What an event is, for the profile-update flow: a Slack message, a stop, or no run at all. */
export type EventKind = 'notify' | 'unmonitored' | 'other'

const sample = JSON.parse(readFileSync(new URL('../../examples/hook-user-profile-updated.json', import.meta.url), 'utf8')) as {
  data: { events: Record<string, unknown>[] }
}

/** The sample event with markers where each copy differs. */
function template(): string[] {
  const e = structuredClone(sample.data.events[0]!) as Record<string, unknown> & { debugContext: { debugData: Record<string, unknown> } }
  e.uuid = '@UUID@'
  e.published = '@PUBLISHED@'
  e.eventType = '@TYPE@'
  e.target = [{ id: '00u@USER@', type: 'User', alternateId: 'user@USER@@example.com', displayName: 'Bench User', detailEntry: null }]
  e.debugContext.debugData.changedAttributes = '@CHANGED@'
  return JSON.stringify(e).split(/@(UUID|PUBLISHED|TYPE|USER|CHANGED)@/)
}

const parts = template()

const CHANGED: Record<EventKind, string> = { notify: 'mobilePhone,title', unmonitored: 'nickName,title', other: 'mobilePhone' }
const TYPE: Record<EventKind, string> = {
  notify: 'user.account.update_profile',
  unmonitored: 'user.account.update_profile',
  other: 'user.session.start',
}

/** One event as JSON text; `n` makes its uuid and user unique within the process. */
export function eventJson(kind: EventKind, n: number, tag: string): string {
  const values: Record<string, string> = {
    UUID: `${tag}-${n}`,
    PUBLISHED: new Date(1_790_000_000_000 + n).toISOString(),
    TYPE: TYPE[kind],
    USER: String(n),
    CHANGED: CHANGED[kind],
  }
  let out = ''
  for (let i = 0; i < parts.length; i++) out += i % 2 === 0 ? parts[i] : values[parts[i]!]
  return out
}

/** A whole delivery: envelope plus the given events (already JSON). */
export function deliveryJson(eventId: string, events: readonly string[]): string {
  return (
    `{"eventType":"com.okta.event_hook","eventTypeVersion":"1.0","cloudEventsVersion":"0.1",` +
    `"source":"https://example.okta.com/api/v1/eventHooks/whoBench","eventId":"${eventId}",` +
    `"eventTime":"${new Date().toISOString()}","contentType":"application/json","data":{"events":[${events.join(',')}]}}`
  )
}

export const HOOK_HEADERS = { 'content-type': 'application/json', authorization: HOOK_SECRET }

/** A small deterministic generator, so every run of a bench sends the same mix. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Bodies of one-event deliveries; one in 20 repeats an earlier eventId (a redelivery, stored once). */
export function hookBodies(tag: string): () => string {
  let n = 0
  return () => {
    n++
    const id = n % 20 === 0 ? n - 10 : n
    return deliveryJson(`${tag}-d${id}`, [eventJson('notify', id, tag)])
  }
}
