/**
 * `/hooks/okta`: Okta's one-time verification (GET) and event deliveries (POST). A delivery is
 * authenticated, validated, stored with its runs in one transaction, and only then answered
 * 200; the flows run afterwards. What was not stored is never answered 200.
 */
import express, { type Express, type Request, type Response } from 'express'
import type { DeliveryInfo } from '../engine/card.ts'
import { toErrorRecord } from '../engine/errors.ts'
import { invocationForEvent } from '../engine/input.ts'
import { checkEnvelope, eventsInOrder, type OktaEvent } from '../connectors/okta/events.ts'
import { type ClaimedRun, type NewRun, newRunId, type Store, StoreUnavailableError } from '../store/index.ts'
import type { FlowSet } from './flows.ts'
import { headerValue, safeHeaders, secretMatches, sendError } from '../web/http.ts'
import type { Log } from './log.ts'
import type { Metrics } from './metrics.ts'
import type { Worker } from './worker.ts'

export interface HookSecret {
  /** Header name, any case (usually `authorization`). */
  header: string
  /** The exact value Okta sends in it. */
  value: string
}

export interface HookOptions {
  store: Store
  flows: FlowSet
  log: Log
  metrics: Metrics
  /** Absent only when the operator allowed public hooks. */
  hookSecret: HookSecret | undefined
  maxBodyBytes: number
  maxEventsPerDelivery: number
  /** Every secret the engine knows (client tokens too): none sent in another header is stored. */
  secrets(): readonly string[]
  /** Called after runs were enqueued, so the workers start at once. */
  onEnqueued(): void
  /**
   * Free workers, when the engine runs flows: a delivery's runs they can take at once are stored
   * claimed and handed to them, without a trip through the queue (server/worker.ts).
   */
  workers?: Pick<Worker, 'reserve' | 'adopt' | 'leaseMs'>
  /** How long a delivery waits for a worker when every one is busy, before its runs are queued. */
  workerWaitMs: number
}

/** One run per (event, matching flow), events in `published` order; skips are only logged. */
export function planRuns(flows: FlowSet, events: readonly OktaEvent[], delivery: DeliveryInfo, log: Log): NewRun[] {
  const runs: NewRun[] = []
  for (const event of eventsInOrder(events)) {
    for (const flow of flows.eventFlows()) {
      const base = { id: newRunId(), flow: flow.slug, source: 'event' as const, eventUuid: event.uuid }
      try {
        const inv = invocationForEvent(flow.plan.trigger, event, delivery)
        if (inv.kind === 'run') runs.push({ ...base, input: inv.outputs, inputFrom: { trigger: flow.plan.trigger.type, delivery, event } })
        else log.debug({ flow: flow.slug, event: event.uuid, reason: inv.reason }, 'event does not fire the flow')
      } catch (err) {
        // The event fires the flow but its outputs cannot be built: the run fails visibly in history.
        if (flow.plan.trigger.def.eventTypes.includes(event.eventType)) runs.push({ ...base, inputError: toErrorRecord(err) })
      }
    }
  }
  return runs
}

/**
 * Mounts the routes on the app itself, first: every delivery goes through the layers before
 * them, and a router of their own was one more (its matching about 1% of the engine's time).
 */
export function mountHookRoutes(app: Pick<Express, 'get' | 'post'>, o: HookOptions): void {
  app.get('/hooks/okta', (req, res) => {
    const challenge = headerValue(req, 'x-okta-verification-challenge')
    if (!challenge) return sendError(res, 400, 'missing x-okta-verification-challenge header (Okta sends it when verifying the hook)')
    o.log.info({}, 'answered the Okta event hook verification')
    res.status(200).json({ verification: challenge })
  })
  app.post(
    '/hooks/okta',
    (req, res, next) => {
      if (o.hookSecret && !secretMatches(headerValue(req, o.hookSecret.header), o.hookSecret.value)) {
        o.metrics.delivery('unauthorized')
        o.log.warn({ ip: req.ip }, 'event hook delivery refused: missing or wrong secret header')
        return sendError(res, 401, 'unauthorized')
      }
      if (!req.is('application/json')) {
        o.metrics.delivery('invalid')
        return sendError(res, 415, 'the body must be application/json')
      }
      next()
    },
    express.raw({ type: () => true, limit: o.maxBodyBytes }),
    (req, res) => acceptDelivery(o, req, res),
  )
}

async function acceptDelivery(o: HookOptions, req: Request, res: Response): Promise<void> {
  const invalid = (message: string) => {
    o.metrics.delivery('invalid')
    o.log.warn({ reason: message }, 'event hook delivery refused')
    sendError(res, 400, message)
  }
  let body: unknown
  try {
    body = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '')
  } catch {
    return invalid('the body is not valid JSON')
  }
  const envelope = checkEnvelope(body, o.maxEventsPerDelivery)
  if (!envelope.ok) return invalid(envelope.message)
  const drop = o.hookSecret ? [o.hookSecret.header] : []
  const delivery: DeliveryInfo = {
    eventId: envelope.eventId,
    headers: safeHeaders(req, drop, o.secrets()),
    ...(envelope.eventTime && { eventTime: envelope.eventTime }),
    ...(envelope.source && { source: envelope.source }),
  }
  const runs = planRuns(o.flows, envelope.events, delivery, o.log)
  const events = envelope.events.map((e) => ({ uuid: e.uuid, eventType: e.eventType, published: e.published, raw: e }))
  const reserved = (await o.workers?.reserve(runs.length, o.workerWaitMs)) ?? 0
  let claimed: readonly ClaimedRun[] = []
  try {
    const claim = reserved > 0 ? { claim: { runs: reserved, leaseMs: o.workers!.leaseMs } } : {}
    const result = await o.store.acceptDelivery({ eventId: envelope.eventId, receivedAt: new Date(), events }, runs, claim)
    claimed = result.claimed ?? []
    o.metrics.delivery(result.duplicate ? 'duplicate' : 'accepted')
    o.metrics.events('stored', result.storedEvents)
    o.metrics.events('duplicate', events.length - result.storedEvents)
    o.log.info({ eventId: envelope.eventId, events: events.length, stored: result.storedEvents, runs: result.runIds }, 'event hook delivery stored')
    res.status(200).end()
    if (result.runIds.length > claimed.length) o.onEnqueued()
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err
    o.metrics.delivery('unavailable')
    o.log.error({ eventId: envelope.eventId, err: err.message }, 'event hook delivery not stored; Okta will retry')
    sendError(res, 503, 'the engine cannot store the delivery now; retry later')
  } finally {
    // the runs stored claimed start now, after the answer; unused slots go back
    o.workers?.adopt(claimed, reserved)
  }
}
