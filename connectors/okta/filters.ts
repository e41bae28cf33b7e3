/**
 * Conditions on an event's targets, as one value read two ways: as a predicate the engine
 * applies to each event it receives (a trigger's skipReason), and as the Okta Expression
 * Language filter `flow okta hooks` puts on the event hook, so that Okta sends only the events
 * that matter. Both come from the same condition, so they cannot drift apart.
 */
import type { TargetCondition } from '../../engine/card.ts'
import { isObject } from './events.ts'

export type { TargetCondition }

/** True when the event has a target matching the condition. Picks targets by type, never by position. */
export function matchesTarget(event: Record<string, unknown>, c: TargetCondition): boolean {
  const targets: unknown = event.target
  if (!Array.isArray(targets)) return false
  return targets.some((t) => isObject(t) && t.type === c.type && c.fields.some((f) => t[f] === c.value))
}

/** Okta's sample filters quote text in single quotes; a quote inside is doubled, as in SpEL, on which Okta's language is built. */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

/** Why a value cannot go into a filter expression (control characters), or undefined. */
export function unfilterable(c: TargetCondition): string | undefined {
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(c.value)) return `the value ${JSON.stringify(c.value)} holds a control character`
  if (c.value.length > 512) return 'the value is longer than 512 characters'
  return undefined
}

/** `event.target.?[type eq 'AppInstance' && (id eq '0oa1' || displayName eq '0oa1')].size() > 0` */
export function targetExpression(c: TargetCondition): string {
  const value = literal(c.value)
  const fields = c.fields.map((f) => `${f} eq ${value}`)
  const any = fields.length === 1 ? fields[0]! : `(${fields.join(' || ')})`
  return `event.target.?[type eq ${literal(c.type)} && ${any}].size() > 0`
}

/** Several flows on one event type: Okta sends the event when any of their conditions holds. */
export function anyExpression(conditions: readonly TargetCondition[]): string {
  const unique = [...new Set(conditions.map(targetExpression))].sort()
  return unique.length === 1 ? unique[0]! : unique.map((e) => `(${e})`).join(' || ')
}

/** An app instance id, as Okta makes them (`0oa` and letters and digits); anything else is a label. */
const APP_INSTANCE_ID = /^0oa[0-9A-Za-z]{5,}$/

/** Okta's Application option: one app by app instance id or by label, or `All Apps` (no condition). */
export function applicationCondition(application: unknown): TargetCondition | undefined {
  if (typeof application !== 'string' || application === 'All Apps') return undefined
  const fields = APP_INSTANCE_ID.test(application) ? (['id'] as const) : (['displayName', 'alternateId'] as const)
  return { type: 'AppInstance', fields, value: application }
}
