/** The flows list (what runs, and how it went in the last day) and one flow with its picture. */
import type { RunSummary, Store } from '../../store/index.ts'
import type { UiFlow } from '../catalog.ts'
import { flowGraph } from '../graph.ts'
import { type Html, html, statusBadge, trusted, when } from '../html.ts'
import { renderSvg } from '../svg.ts'
import { runsTable } from './runs.ts'

const DAY_MS = 24 * 3600 * 1000
/** The store lists whole rows, so the day is counted up to this many runs; beyond it the counts read "5000+". */
const DAY_LIMIT = 5_000
const RECENT_RUNS = 20

export async function flowsPage(store: Store, flows: UiFlow[], now = new Date()): Promise<Html> {
  const day = await store.listRuns({ since: new Date(now.getTime() - DAY_MS), limit: DAY_LIMIT })
  const capped = day.length >= DAY_LIMIT ? '+' : ''
  const counts = new Map<string, { runs: number; failed: number }>()
  for (const r of day) {
    const c = counts.get(r.flow) ?? { runs: 0, failed: 0 }
    c.runs++
    if (r.status === 'failed') c.failed++
    counts.set(r.flow, c)
  }
  const last = await Promise.all(flows.map((f) => store.listRuns({ flow: f.slug, limit: 1 }).then((r) => r[0])))
  const rows = flows.map((f, i) => flowRow(f, last[i], counts.get(f.slug), capped))
  return html`<h1>Flows</h1>
<p class="muted">Every flow file of the server's flows directory. Runs and failures count the last 24 hours.</p>
<table class="flows"><thead><tr><th>Flow</th><th>Trigger</th><th>Enabled</th><th>Last run</th><th>Runs (24 h)</th><th>Failures (24 h)</th></tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="6" class="muted">No flow files.</td></tr>`}</tbody></table>`
}

function flowRow(f: UiFlow, last: RunSummary | undefined, c: { runs: number; failed: number } | undefined, capped: string): Html {
  const name = f.plan ? f.plan.name : f.slug
  const enabled = !f.plan ? html`<span class="status status-failed" title="${f.problem}">invalid</span>` : f.plan.enabled ? (f.served ? 'yes' : 'yes (not loaded yet)') : 'no'
  const lastRun = last ? html`<a href="/ui/runs/${encodeURIComponent(last.id)}">${statusBadge(last.status)}</a> <span class="muted">${when(last.createdAt)}</span>` : html`<span class="muted">never</span>`
  const failures = c?.failed ? html`<a href="/ui/runs?flow=${encodeURIComponent(f.slug)}&amp;status=failed&amp;since=24h">${c.failed}${capped}</a>` : '0'
  return html`<tr data-flow="${f.slug}"><td><a href="/ui/flows/${encodeURIComponent(f.slug)}">${name}</a><div class="muted">${f.slug}</div></td>
<td>${f.plan?.trigger.def.title ?? ''}</td><td>${enabled}</td><td>${lastRun}</td><td>${c ? `${c.runs}${capped}` : '0'}</td><td>${failures}</td></tr>`
}

export async function flowPage(store: Store, flow: UiFlow): Promise<Html> {
  const runs = await store.listRuns({ flow: flow.slug, limit: RECENT_RUNS })
  const slug = encodeURIComponent(flow.slug)
  const head = html`<h1>${flow.plan?.name ?? flow.slug}</h1><p class="muted">${flow.file}</p>`
  if (!flow.plan) return html`${head}<div class="error">This flow does not check and is not served:\n${flow.problem}</div>`
  const plan = flow.plan
  const state = plan.enabled ? (flow.served ? 'served' : 'enabled, not loaded yet') : 'disabled (enabled: false), not served'
  return html`${head}
${plan.description ? html`<p>${plan.description}</p>` : ''}
<div class="meta"><div><b>Trigger</b>${plan.trigger.def.title} <span class="muted">(${plan.trigger.type})</span></div><div><b>State</b>${state}</div>
<div><b>Picture</b><a href="/ui/flows/${slug}/graph.svg">SVG file</a></div></div>
<div class="graph">${trusted(renderSvg(flowGraph(plan)))}</div>
<h2>Recent runs</h2>
${runsTable(runs)}
<p><a href="/ui/runs?flow=${slug}">All runs of this flow</a></p>`
}
