/**
 * What starts a run: the trigger's outputs, from an Okta event, a hook delivery, an HTTP
 * request, or a test input in the shape of Okta's docs (`"Changed attributes"`, `"Actor"`, …).
 */
import { type TSchema, Type } from '@sinclair/typebox'
import type { DeliveryInfo } from './card.ts'
import type { PlannedTrigger } from './check.ts'
import { CardflowError, InputError } from './errors.ts'
import { isHookEnvelope, isObject, isSystemLogEvent, type OktaEvent } from './okta-event.ts'
import { describeErrors, validatorFor } from './schema-check.ts'
import { suggest } from './suggest.ts'

export type Invocation =
  | { kind: 'run'; label: string; outputs: Record<string, unknown>; event?: OktaEvent }
  | { kind: 'skip'; label: string; reason: string }

/** The run (or the reason not to run) for one System Log event. */
export function invocationForEvent(trigger: PlannedTrigger, event: OktaEvent, delivery: DeliveryInfo): Invocation {
  const label = `event ${event.uuid}`
  const { def } = trigger
  if (!def.eventTypes.includes(event.eventType) || !def.fromEvent) {
    const wants = def.eventTypes.length > 0 ? def.eventTypes.join(', ') : 'an HTTP request, not an Okta event'
    return { kind: 'skip', label, reason: `${event.eventType} does not fire ${def.type} (it takes ${wants})` }
  }
  const reason = def.skipReason?.(event, trigger.options)
  if (reason) return { kind: 'skip', label, reason }
  try {
    return { kind: 'run', label, outputs: def.fromEvent(event, delivery), event }
  } catch (err) {
    if (err instanceof CardflowError) throw err
    throw new InputError(`${label}: ${(err as Error).message}`)
  }
}

/** Okta delivers events unordered; a delivery runs them in `published` order. */
export function eventsInOrder(events: readonly OktaEvent[]): OktaEvent[] {
  return [...events].sort((a, b) => String(a.published).localeCompare(String(b.published)))
}

export function invocationsFromInput(trigger: PlannedTrigger, input: unknown): Invocation[] {
  if (trigger.def.type === 'http.apiEndpoint') return [httpInvocation(input)]
  // a helper or scheduled flow takes its trigger outputs (the helper's inputs) as they are
  if (trigger.def.eventTypes.length === 0) return [{ kind: 'run', label: 'test input', outputs: fromDocsShape(trigger, input) }]
  if (isHookEnvelope(input)) {
    const delivery = { eventId: input.eventId, ...(input.eventTime && { eventTime: input.eventTime }) }
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
  return [{ kind: 'run', label: 'test input', outputs: fromDocsShape(trigger, input) }]
}

function httpInvocation(input: unknown): Invocation {
  const shaped = isObject(input) && Object.keys(input).length > 0 && Object.keys(input).every((k) => ['headers', 'body', 'query'].includes(k))
  const outputs = shaped
    ? { headers: input.headers ?? {}, body: input.body ?? null, query: input.query ?? {} }
    : { headers: { 'content-type': 'application/json' }, body: input, query: {} }
  return { kind: 'run', label: 'request', outputs }
}

const norm = (key: string) => key.toLowerCase().replace(/[\s_-]+/g, '')

interface ObjectSchema {
  properties?: Record<string, TSchema>
  required?: string[]
}

/** Matches keys to the schema's names ignoring case and spacing, recursively. */
function normaliseKeys(value: unknown, schema: ObjectSchema, path: string, errors: string[]): unknown {
  if (!schema.properties || typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const names = Object.keys(schema.properties)
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    const name = names.find((n) => norm(n) === norm(key))
    if (!name) {
      errors.push(`unknown field "${path}${key}"${suggest(key, names)}`)
      continue
    }
    out[name] = normaliseKeys(v, schema.properties[name] as ObjectSchema, `${path}${name}.`, errors)
  }
  return out
}

function fromDocsShape(trigger: PlannedTrigger, input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InputError(`the input must be a JSON object: ${trigger.def.type} outputs, an Okta event hook body or a System Log event`)
  }
  const errors: string[] = []
  // outputs named by the options (a helper flow's inputs) are matched like the fixed ones
  const named = trigger.def.outputNames?.(trigger.options)
  const schema: ObjectSchema = named ? { properties: Object.fromEntries(named.map((n) => [n, Type.Unknown()])) } : (trigger.def.outputs as ObjectSchema)
  const outputs = normaliseKeys(input, schema, '', errors) as Record<string, unknown>
  const missing = (trigger.def.outputs.required ?? []).filter((k) => !(k in outputs))
  if (missing.length > 0) errors.unshift(`missing ${missing.map((m) => `"${m}"`).join(', ')} (the ${trigger.def.title} card's outputs)`)
  const validate = validatorFor(trigger.def.outputs)
  if (errors.length === 0 && !validate(outputs)) errors.push(...describeErrors(validate.errors))
  if (errors.length > 0) throw new InputError(errors.join('; '))
  return outputs
}
