/**
 * The load the reliability suites send: Okta deliveries of 1 to 3 profile-update events, some
 * sharing an event with an earlier delivery, some sent again later (Okta's at-least-once), each
 * event carrying its uuid into the flows' Slack messages.
 */
import type { FakeSlack } from '../fakes/index.ts'
import { envelope, HOOK_SECRET, profileEvent } from '../server/helpers.ts'
import { SEED } from './helpers.ts'

export interface Planned {
  eventId: string
  body: unknown
  uuids: string[]
}

/** Deliveries of 1 to 3 new events; one in ten also carries an event an earlier delivery had. */
export function planDeliveries(count: number, rand: () => number): Planned[] {
  const out: Planned[] = []
  const all: string[] = []
  let seq = 0
  for (let i = 0; i < count; i++) {
    const events = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
      const n = seq++
      return profileEvent(`ev-${SEED}-${n}`, new Date(Date.UTC(2026, 10, 20, 10) + n).toISOString())
    })
    if (all.length > 0 && rand() < 0.1) {
      const old = all[Math.floor(rand() * all.length)]!
      events.push(profileEvent(old, '2026-11-20T09:00:00.000Z'))
    }
    for (const e of events) if (!all.includes(e.uuid)) all.push(e.uuid)
    out.push({ eventId: `delivery-${SEED}-${i}`, body: envelope(`delivery-${SEED}-${i}`, events), uuids: events.map((e) => e.uuid) })
  }
  return out
}

/** The send order: each delivery once, and one in seven again later (Okta's at-least-once). */
export function sendOrder(deliveries: Planned[], rand: () => number): Planned[] {
  const order = [...deliveries]
  for (const d of deliveries) {
    if (rand() < 1 / 7) order.splice(order.indexOf(d) + 1 + Math.floor(rand() * (order.length - order.indexOf(d))), 0, d)
  }
  return order
}

/** One POST as Okta sends it: its status, or `network` when no answer came (10 s at most). */
export async function postDelivery(url: string, body: unknown): Promise<number | 'network'> {
  try {
    const res = await fetch(`${url}/hooks/okta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: HOOK_SECRET },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    })
    await res.arrayBuffer()
    return res.status
  } catch {
    return 'network'
  }
}

/** Okta retries once on a 5xx or no answer, never on a 4xx. Every answer is kept by eventId. */
export async function deliverLikeOkta(d: Planned, post: (d: Planned) => Promise<number | string>, answers: Map<string, (number | string)[]>): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const status = await post(d)
    answers.set(d.eventId, [...(answers.get(d.eventId) ?? []), status])
    if (status === 200 || (typeof status === 'number' && status < 500)) return
  }
}

/** Slack messages by `uuid|#channel`: the flows put the event's uuid first, so one key is one run. */
export function messagesPerRun(slack: FakeSlack): Map<string, number> {
  const messages = new Map<string, number>()
  for (const req of slack.calls('chat.postMessage')) {
    const uuid = /^\[([^\]]+)\]/.exec(req.form?.get('text') ?? '')?.[1]
    const key = `${uuid}|${req.form?.get('channel')}`
    messages.set(key, (messages.get(key) ?? 0) + 1)
  }
  return messages
}
