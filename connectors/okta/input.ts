/**
 * A test or replay input that holds Okta events: an event hook body (`data.events`), one System
 * Log event, or a list of them. Each event becomes one invocation of the flow, in `published`
 * order; anything else is read as the trigger's outputs (the docs' shape) or an HTTP request.
 */
import type { PlannedTrigger } from '../../engine/check.ts'
import { InputError } from '../../engine/errors.ts'
import { fromDocsShape, httpInvocation, type Invocation, invocationForEvent } from '../../engine/input.ts'
import { eventsInOrder, isHookEnvelope, isSystemLogEvent } from './events.ts'

export function invocationsFromInput(trigger: PlannedTrigger, input: unknown): Invocation[] {
  if (trigger.def.http) return [httpInvocation(input)]
  if (trigger.def.eventTypes.length > 0) {
    if (isHookEnvelope(input)) {
      const delivery = { eventId: input.eventId, ...(input.eventTime && { eventTime: input.eventTime }), ...(typeof input.source === 'string' && { source: input.source }) }
      const events = input.data.events
      if (events.length === 0) throw new InputError('the hook body holds no events (data.events is empty)')
      const bad = events.findIndex((e) => !isSystemLogEvent(e))
      if (bad >= 0) throw new InputError(`data.events[${bad}] is not a System Log event (needs uuid and eventType)`)
      return eventsInOrder(events).map((e) => invocationForEvent(trigger, e, delivery))
    }
    if (isSystemLogEvent(input)) return [invocationForEvent(trigger, input, {})]
    if (Array.isArray(input) && input.length > 0 && input.every(isSystemLogEvent)) {
      return eventsInOrder(input).map((e) => invocationForEvent(trigger, e, {}))
    }
  }
  return [{ kind: 'run', label: 'test input', outputs: fromDocsShape(trigger, input) }]
}
