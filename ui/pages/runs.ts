/** Flow History: every run, newest first, filtered by flow, status and age, a page at a time. */
import type { RunSummary, Store, StoredRunStatus } from '../../store/index.ts'
import { duration, type Html, html, statusBadge, when } from '../html.ts'

export const PAGE_SIZE = 50
/** The store pages by limit only, so a page costs the rows before it; far pages are refused. */
const MAX_PAGE = 200

const STATUSES: readonly StoredRunStatus[] = ['succeeded', 'failed', 'stopped', 'waiting', 'queued', 'running']
const SINCE: Record<string, number> = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3, '30d': 30 * 86400e3 }

export interface RunsQuery {
  flow?: string
  status?: StoredRunStatus
  since?: string
  page: number
}

/** Query parameters as typed by a person or a link; anything unknown is dropped, not an error. */
export function readRunsQuery(q: Record<string, unknown>): RunsQuery {
  const text = (k: string) => (typeof q[k] === 'string' && q[k] !== '' ? (q[k] as string) : undefined)
  const status = text('status')
  const since = text('since')
  const page = Number(text('page') ?? 1)
  return {
    ...(text('flow') && { flow: text('flow') }),
    ...(status && (STATUSES as string[]).includes(status) && { status: status as StoredRunStatus }),
    ...(since && since in SINCE && { since }),
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  }
}

export async function runsPage(store: Store, q: RunsQuery, flowSlugs: string[], now = new Date()): Promise<Html> {
  const skip = (q.page - 1) * PAGE_SIZE
  const rows = await store.listRuns({
    ...(q.flow && { flow: q.flow }),
    ...(q.status && { status: q.status }),
    ...(q.since && { since: new Date(now.getTime() - SINCE[q.since]!) }),
    limit: skip + PAGE_SIZE + 1,
  })
  const pageRows = rows.slice(skip, skip + PAGE_SIZE)
  const more = rows.length > skip + PAGE_SIZE && q.page < MAX_PAGE
  return html`<h1>Flow History</h1>
${filters(q, flowSlugs)}
${runsTable(pageRows, true)}
<div class="pager">${q.page > 1 ? html`<a rel="prev" href="${pageLink(q, q.page - 1)}">← Newer</a>` : ''}
<span class="muted">Page ${q.page}</span>${more ? html`<a rel="next" href="${pageLink(q, q.page + 1)}">Older →</a>` : ''}</div>`
}

function pageLink(q: RunsQuery, page: number): string {
  const p = new URLSearchParams()
  if (q.flow) p.set('flow', q.flow)
  if (q.status) p.set('status', q.status)
  if (q.since) p.set('since', q.since)
  p.set('page', String(page))
  return `/ui/runs?${p}`
}

function filters(q: RunsQuery, flowSlugs: string[]): Html {
  const option = (value: string, label: string, selected: boolean) => html`<option value="${value}"${selected ? ' selected' : ''}>${label}</option>`
  const flows = [...new Set([...flowSlugs, ...(q.flow ? [q.flow] : [])])].sort()
  return html`<form class="filters" method="get" action="/ui/runs">
<label>Flow<select name="flow">${option('', 'All flows', !q.flow)}${flows.map((f) => option(f, f, q.flow === f))}</select></label>
<label>Status<select name="status">${option('', 'Any status', !q.status)}${STATUSES.map((s) => option(s, s, q.status === s))}</select></label>
<label>Time<select name="since">${option('', 'Any time', !q.since)}${Object.keys(SINCE).map((s) => option(s, `Last ${s}`, q.since === s))}</select></label>
<button type="submit">Filter</button></form>`
}

export function runsTable(runs: RunSummary[], showFlow = false): Html {
  if (runs.length === 0) return html`<p class="muted">No runs.</p>`
  const row = (r: RunSummary) => {
    const took = r.finishedAt ? duration(new Date(r.finishedAt).getTime() - new Date(r.createdAt).getTime()) : ''
    return html`<tr data-run="${r.id}"><td><a href="/ui/runs/${encodeURIComponent(r.id)}">${when(r.createdAt)}</a></td>
${showFlow ? html`<td><a href="/ui/flows/${encodeURIComponent(r.flow)}">${r.flow}</a></td>` : ''}
<td>${statusBadge(r.status)}${waitNote(r)}${r.attempts > 1 ? html` <span class="muted">${r.attempts} attempts</span>` : ''}</td>
<td>${r.source}${r.replayOf ? html` of <a href="/ui/runs/${encodeURIComponent(r.replayOf)}">${r.replayOf.slice(0, 8)}</a>` : ''}${r.slot ? html` ${r.slot}` : ''}${r.startedBy ? html` by ${r.startedBy}` : ''}</td>
<td>${took}</td><td class="muted">${r.error ? `${r.error.code}: ${r.error.message}` : ''}</td></tr>`
  }
  return html`<table class="runs"><thead><tr><th>Started</th>${showFlow ? html`<th>Flow</th>` : ''}<th>Status</th><th>Source</th><th>Took</th><th>Error</th></tr></thead>
<tbody>${runs.map(row)}</tbody></table>`
}

/** Until when a waiting run waits: its due time, or a resume request (Pause). */
export function waitNote(r: Pick<RunSummary, 'status' | 'waitUntil'>): Html | string {
  if (r.status !== 'waiting') return ''
  return r.waitUntil ? html` <span class="muted" data-role="wait-until">until ${when(r.waitUntil)}</span>` : html` <span class="muted" data-role="wait-until">until resumed</span>`
}
