/** `flow okta hooks plan` as text a reviewer reads: each event type marked `+`, `-`, `~` or unchanged, with the flows behind it and its filter. */
import type { EventHook } from './event-hooks.ts'
import { type DesiredHook, type HookDiff, upToDate } from './hook-plan.ts'

function summary(diff: HookDiff): string {
  if (diff.create) return 'to create'
  if (upToDate(diff)) return 'up to date'
  const parts = [
    diff.added.length > 0 && `${diff.added.length} event type(s) to add`,
    diff.removed.length > 0 && `${diff.removed.length} to remove`,
    diff.filters.size > 0 && `${diff.filters.size} filter(s) to change`,
    diff.uri && 'URL to change',
    diff.header && 'header to change',
    diff.needsVerify && 'to verify',
    diff.needsActivate && 'to activate',
  ].filter(Boolean)
  return parts.join(', ')
}

/** What apply will do, in order. */
export function steps(diff: HookDiff, uri: string): string[] {
  const out: string[] = []
  if (diff.create) out.push('create the hook')
  else if (diff.write) out.push('replace the hook (PUT, the secret sent again)')
  if (diff.needsVerify) out.push(`have Okta verify ${uri} (flow serve must answer there)`)
  if (diff.needsActivate) out.push('activate it')
  return out
}

export function renderPlan(orgUrl: string, current: EventHook | undefined, d: DesiredHook, diff: HookDiff, secretFrom: string): string {
  const state = current ? ` (${current.id}, ${current.status}, ${current.verificationStatus})` : ''
  const lines = [`Okta event hook "${d.name}"${state} in ${orgUrl}: ${summary(diff)}`]
  lines.push(`  url     ${diff.uri ? `${diff.uri[0]} -> ${diff.uri[1]}` : d.uri}`)
  lines.push(`  header  ${diff.header ? `${diff.header[0]} -> ${diff.header[1]}` : d.header}: ${secretFrom} (Okta never shows the value; \`apply --update-secret\` sends it again)`)
  lines.push(`  event types (${d.needs.length}):`)
  for (const need of d.needs) {
    const filterChange = diff.filters.get(need.eventType)
    const mark = diff.added.includes(need.eventType) ? '+' : filterChange ? '~' : ' '
    lines.push(`  ${mark} ${need.eventType}  <- ${need.flows.join(', ')}`)
    if (filterChange && !diff.create && filterChange[0] !== undefined) {
      lines.push(`      filter  - ${filterChange[0]}`)
      lines.push(`              + ${filterChange[1] ?? '(none)'}`)
    } else if ('expression' in need.filter) {
      lines.push(`      filter  ${need.filter.expression}`)
    } else {
      lines.push(`      no filter: ${need.filter.none}`)
    }
  }
  for (const gone of diff.removed) lines.push(`  - ${gone}  (no served flow takes it)`)
  const todo = steps(diff, d.uri)
  lines.push(todo.length > 0 ? `Apply will: ${todo.join(', then ')}.` : 'Nothing to apply.')
  return lines.join('\n')
}
