/**
 * The event hook the served flows need, and how it differs from the one registered in Okta.
 * The event types are those of every enabled event flow's trigger; where every flow on a type
 * narrows it (one application), the hook carries an Okta Expression Language filter built from
 * the same condition the engine applies to what arrives, so Okta sends only what matters.
 */
import type { FlowPlan } from '../../engine/check.ts'
import type { TargetCondition } from '../../engine/card.ts'
import type { EventHook, HookBody, HookFilterEntry } from './event-hooks.ts'
import { anyExpression, unfilterable } from './filters.ts'

/** Okta: at most 300 event types per hook, and 25 hooks per org. */
export const MAX_EVENT_TYPES = 300
export const MAX_HOOKS = 25

export interface ServedFlow {
  file: string
  plan: FlowPlan
}

export interface EventTypeNeed {
  eventType: string
  /** Flow files whose trigger takes it. */
  flows: string[]
  /** The filter for this type, or why there is none. */
  filter: { expression: string } | { none: string }
}

export interface DesiredHook {
  name: string
  uri: string
  header: string
  needs: EventTypeNeed[]
}

/** What the served flows need, event type by event type (sorted). `filters: false` leaves every filter out. */
export function desiredHook(flows: readonly ServedFlow[], opts: { name: string; uri: string; header: string; filters: boolean }): DesiredHook {
  const byType = new Map<string, { flows: string[]; conditions: (TargetCondition | undefined)[] }>()
  for (const { file, plan } of flows) {
    const trigger = plan.trigger
    const condition = trigger.def.eventFilter?.(trigger.options)
    for (const eventType of trigger.def.eventTypes) {
      const entry = byType.get(eventType) ?? { flows: [], conditions: [] }
      entry.flows.push(file)
      entry.conditions.push(condition)
      byType.set(eventType, entry)
    }
  }
  const needs = [...byType.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([eventType, { flows, conditions }]) => ({ eventType, flows, filter: filterFor(conditions, flows, opts.filters) }))
  return { name: opts.name, uri: opts.uri, header: opts.header, needs }
}

function filterFor(conditions: (TargetCondition | undefined)[], flows: string[], enabled: boolean): EventTypeNeed['filter'] {
  if (!enabled) return { none: 'filters turned off (--no-filters)' }
  const all = conditions.indexOf(undefined)
  if (all >= 0) return { none: `${flows[all]} takes every event of this type` }
  for (const [i, c] of conditions.entries()) {
    const why = unfilterable(c!)
    if (why) return { none: `${flows[i]}: Okta cannot filter on it (${why}); the engine filters` }
  }
  return { expression: anyExpression(conditions as TargetCondition[]) }
}

export function hookBody(d: DesiredHook, secret: string): HookBody {
  const filters: HookFilterEntry[] = d.needs.flatMap((n) => ('expression' in n.filter ? [{ event: n.eventType, condition: { version: null, expression: n.filter.expression } }] : []))
  return {
    name: d.name,
    events: { type: 'EVENT_TYPE', items: d.needs.map((n) => n.eventType), ...(filters.length > 0 && { filter: { type: 'EXPRESSION_LANGUAGE' as const, eventFilterMap: filters } }) },
    channel: { type: 'HTTP', version: '1.0.0', config: { uri: d.uri, headers: [], authScheme: { type: 'HEADER', key: d.header, value: secret } } },
  }
}

export interface HookDiff {
  /** No hook of that name yet. */
  create: boolean
  added: string[]
  removed: string[]
  /** Event types whose filter is added, changed or dropped: type → [before, after]. */
  filters: Map<string, [string | undefined, string | undefined]>
  uri?: [string, string]
  header?: [string, string]
  /** The hook's channel changes: Okta asks for a new verification. */
  channelChanged: boolean
  needsVerify: boolean
  needsActivate: boolean
  /** Something is sent to Okta (create or replace). */
  write: boolean
}

const filterMap = (hook: EventHook) => new Map((hook.events.filter?.eventFilterMap ?? []).map((f) => [f.event, f.condition?.expression]))

export function diffHook(current: EventHook | undefined, d: DesiredHook, updateSecret: boolean): HookDiff {
  const wanted = d.needs.map((n) => n.eventType)
  const wantedFilters = new Map(d.needs.flatMap((n) => ('expression' in n.filter ? [[n.eventType, n.filter.expression] as const] : [])))
  if (!current) {
    const filters = new Map([...wantedFilters].map(([t, e]) => [t, [undefined, e] as [string | undefined, string | undefined]]))
    return { create: true, added: wanted, removed: [], filters, channelChanged: true, needsVerify: true, needsActivate: false, write: true }
  }
  const have = new Set(current.events.items)
  const added = wanted.filter((t) => !have.has(t))
  const removed = [...have].filter((t) => !wanted.includes(t)).sort()
  const before = filterMap(current)
  const filters = new Map<string, [string | undefined, string | undefined]>()
  for (const t of new Set([...before.keys(), ...wantedFilters.keys()])) {
    if (before.get(t) !== wantedFilters.get(t) && wanted.includes(t)) filters.set(t, [before.get(t), wantedFilters.get(t)])
    else if (!wanted.includes(t) && before.has(t)) filters.set(t, [before.get(t), undefined])
  }
  const currentHeader = current.channel.config.authScheme?.key ?? ''
  const uri: [string, string] | undefined = current.channel.config.uri === d.uri ? undefined : [current.channel.config.uri, d.uri]
  // Okta may answer the header name in another case; header names are case-insensitive
  const header: [string, string] | undefined = currentHeader.toLowerCase() === d.header.toLowerCase() ? undefined : [currentHeader, d.header]
  const channelChanged = uri !== undefined || header !== undefined || updateSecret
  const write = channelChanged || added.length > 0 || removed.length > 0 || filters.size > 0
  return {
    create: false,
    added,
    removed,
    filters,
    ...(uri && { uri }),
    ...(header && { header }),
    channelChanged,
    needsVerify: channelChanged || current.verificationStatus !== 'VERIFIED',
    needsActivate: current.status !== 'ACTIVE',
    write,
  }
}

export function upToDate(diff: HookDiff): boolean {
  return !diff.write && !diff.needsVerify && !diff.needsActivate
}
