/**
 * What starts a run: the trigger's outputs, from an event, an HTTP request, or a test input in
 * the shape of Okta's docs (`"Changed attributes"`, `"Actor"`, …). Reading Okta's hook bodies
 * into events is the Okta connector's part (connectors/okta/input.ts).
 */
import type { TSchema } from '@sinclair/typebox'
import type { DeliveryInfo, SourceEvent } from './card.ts'
import type { PlannedTrigger } from './check.ts'
import { CardflowError, InputError } from './errors.ts'
import type { Registry } from './registry.ts'
import { describeErrors, validatorFor } from './schema-check.ts'
import { suggest } from './suggest.ts'

export type Invocation =
  | { kind: 'run'; label: string; outputs: Record<string, unknown>; event?: SourceEvent }
  | { kind: 'skip'; label: string; reason: string }

/** The run (or the reason not to run) for one event. */
export function invocationForEvent(trigger: PlannedTrigger, event: SourceEvent, delivery: DeliveryInfo): Invocation {
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

/**
 * An event run's input built again from its stored event: the outputs of the trigger card
 * `trigger` for the event and its delivery. The same call as at intake (invocationForEvent, once
 * the run was planned), so a store may keep the event and the delivery instead of the input.
 */
export type EventInputs = (trigger: string, event: SourceEvent, delivery: DeliveryInfo) => Record<string, unknown>

/** EventInputs from the registry's trigger cards. */
export function eventInputsOf(registry: Pick<Registry, 'triggers'>): EventInputs {
  return (trigger, event, delivery) => {
    const def = registry.triggers.get(trigger)
    if (!def?.fromEvent) throw new InputError(`its input is the outputs of the trigger card "${trigger}" for its event, and this engine has no such card`)
    return def.fromEvent(event, delivery)
  }
}

/** An HTTP trigger's outputs from `{headers, body, query}`, or from a bare body. */
export function httpInvocation(input: unknown): Invocation {
  const shaped = isPlainObject(input) && Object.keys(input).length > 0 && Object.keys(input).every((k) => ['headers', 'body', 'query'].includes(k))
  const outputs = shaped
    ? { headers: input.headers ?? {}, body: input.body ?? null, query: input.query ?? {} }
    : { headers: { 'content-type': 'application/json' }, body: input, query: {} }
  return { kind: 'run', label: 'request', outputs }
}

const norm = (key: string) => key.toLowerCase().replace(/[\s_-]+/g, '')

interface ObjectSchema {
  properties?: Record<string, TSchema>
  required?: string[]
  additionalProperties?: unknown
}

/** Matches keys to the schema's names ignoring case and spacing, recursively. */
function normaliseKeys(value: unknown, schema: ObjectSchema, path: string, errors: string[]): unknown {
  if (!schema.properties || typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const names = Object.keys(schema.properties)
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    const name = names.find((n) => norm(n) === norm(key)) ?? (schema.additionalProperties === true ? key : undefined)
    if (!name) {
      errors.push(`unknown field "${path}${key}"${suggest(key, names)}`)
      continue
    }
    out[name] = normaliseKeys(v, (schema.properties[name] ?? {}) as ObjectSchema, `${path}${name}.`, errors)
  }
  return out
}

/** Outputs given in the shape of Okta's docs: the trigger's output names, any case and spacing. */
export function fromDocsShape(trigger: PlannedTrigger, input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InputError(`the input must be a JSON object: ${trigger.def.type} outputs, an Okta event hook body or a System Log event`)
  }
  const errors: string[] = []
  const outputs = normaliseKeys(input, trigger.def.outputs as ObjectSchema, '', errors) as Record<string, unknown>
  const missing = (trigger.def.outputs.required ?? []).filter((k) => !(k in outputs))
  if (missing.length > 0) errors.unshift(`missing ${missing.map((m) => `"${m}"`).join(', ')} (the ${trigger.def.title} card's outputs)`)
  const validate = validatorFor(trigger.def.outputs)
  if (errors.length === 0 && !validate(outputs)) errors.push(...describeErrors(validate.errors))
  if (errors.length > 0) throw new InputError(errors.join('; '))
  return outputs
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
