/**
 * One run, as Okta's Flow History shows it: each card with status, inputs, outputs and time,
 * the error where it failed, the Continue If message where it stopped, the original event,
 * and a Replay button. Every value is escaped by `html`.
 */
import type { FlowPlan } from '../../engine/check.ts'
import type { CardRecord, CardStatus, RunRecord } from '../../engine/history.ts'
import type { StoredRun } from '../../store/index.ts'
import { flowGraph } from '../graph.ts'
import { duration, type Html, html, json, statusBadge, trusted, when } from '../html.ts'
import { renderSvg } from '../svg.ts'
import { waitNote } from './runs.ts'

/** Trigger outputs shown folded: long, and the original event is shown in full below. */
const FOLDED_OUTPUTS = new Set(['Event Details', 'Headers', 'Client', 'Debug Context'])

export function runPage(run: StoredRun, plan: FlowPlan | undefined, csrf: string): Html {
  const r = run.record
  return html`<h1>${r?.flow ?? run.flow} ${statusBadge(run.status)}${waitNote(run)}</h1>
<div class="meta"><div><b>Flow</b><a href="/ui/flows/${encodeURIComponent(run.flow)}">${run.flow}</a></div>
<div><b>Run</b><code>${run.id}</code></div><div><b>Started</b>${when(r?.startedAt ?? run.createdAt)}</div>
<div><b>Took</b>${duration(r?.durationMs)}</div><div><b>Source</b>${run.source}${run.replayOf ? html` of <a href="/ui/runs/${encodeURIComponent(run.replayOf)}">${run.replayOf}</a>` : ''}${run.slot ? html` for slot ${run.slot}` : ''}${run.startedBy ? html` by ${run.startedBy}` : ''}</div>
<div><b>Attempts</b>${run.attempts}</div></div>
${r?.message ? html`<div class="message" data-role="stop-message"><b>Stopped:</b> ${r.message}</div>` : ''}
${runError(run)}
<form method="post" action="/ui/runs/${encodeURIComponent(run.id)}/replay"><input type="hidden" name="csrf" value="${csrf}">
<button class="primary" type="submit"${run.input || run.inputError ? '' : ' disabled'}>Replay</button>
<span class="muted">runs the flow again with this run's stored trigger input, as a new run</span></form>
${plan && r ? html`<h2>Flow</h2><div class="graph">${trusted(renderSvg(flowGraph(plan), { statuses: statusesOf(r) }))}</div>` : ''}
${r ? record(r) : html`<p class="muted">This run has not run yet (${run.status}).</p>`}
${run.event ? html`<h2>Original event</h2><p class="muted">${run.event.eventType} · ${run.event.uuid} · published ${when(run.event.published)}</p><pre data-role="event">${json(run.event.raw)}</pre>` : ''}`
}

function runError(run: StoredRun): Html | string {
  const e = run.record?.error ?? run.error ?? run.inputError
  if (!e) return ''
  const where = run.record?.error?.cardId ? `card "${run.record.error.cardId}": ` : ''
  return html`<div class="error" data-role="run-error"><b>${e.code}</b> ${where}${e.message}</div>`
}

function statusesOf(r: RunRecord): Map<string, CardStatus> {
  const m = new Map<string, CardStatus>(r.cards.map((c) => [c.id, c.status]))
  if (r.trigger.id) m.set(r.trigger.id, 'succeeded')
  return m
}

function record(r: RunRecord): Html {
  const outputs = Object.entries(r.trigger.outputs)
  const shown = outputs.filter(([k]) => !FOLDED_OUTPUTS.has(k))
  const folded = outputs.filter(([k]) => FOLDED_OUTPUTS.has(k))
  const depth = new Map<string, number>()
  for (const c of r.cards) depth.set(c.id, c.parent ? (depth.get(c.parent.id) ?? 0) + 1 : 0)
  return html`<h2>Cards</h2>
<section class="card succeeded trigger"><h3>▶ ${r.trigger.id || 'trigger'} <span class="muted">${r.trigger.card}</span></h3>
<pre>${json(Object.fromEntries(shown))}</pre>
${folded.map(([k, v]) => html`<details><summary>${k}</summary><pre>${json(v)}</pre></details>`)}</section>
${r.cards.map((c) => cardSection(c, depth.get(c.id) ?? 0))}
${r.outbound.length > 0 ? outbound(r) : ''}`
}

function cardSection(c: CardRecord, depth: number): Html {
  const nested = depth > 0 ? ` nested depth-${Math.min(depth, 3)}` : ''
  const branch = c.parent ? html`<span class="muted">in ${c.parent.id} → ${c.parent.branch}</span>` : ''
  const body =
    c.status === 'skipped'
      ? html`<p class="muted">Skipped: its branch did not run.</p>`
      : html`${c.error ? html`<div class="error" data-role="card-error"><b>${c.error.code}</b> ${c.error.message}</div>` : ''}
${c.message ? html`<div class="message" data-role="card-message"><b>Stopped:</b> ${c.message}</div>` : ''}
<div class="io"><div><b>Inputs</b><pre>${json(c.inputs)}</pre></div><div><b>Outputs</b><pre>${json(c.outputs)}</pre></div></div>`
  return html`<section class="card ${c.status}${nested}" id="run-card-${c.id}" data-card="${c.id}">
<h3>${c.id} ${statusBadge(c.status)} <span class="muted">${c.card}</span> ${branch} <span class="muted">${c.status === 'skipped' ? '' : duration(c.durationMs)}</span></h3>
${body}</section>`
}

function outbound(r: RunRecord): Html {
  return html`<h2>${r.dryRun ? 'Requests that would be sent' : 'Requests sent'}</h2>
${r.outbound.map(
  (o) => html`<section class="card ${o.result === 'failed' ? 'failed' : 'succeeded'}"><h3>${o.cardId} <span class="muted">${o.connector} ${o.operation}</span> ${statusBadge(o.result)}
${o.attempts > 1 ? html`<span class="muted">${o.attempts} attempts</span>` : ''}</h3><pre>${json(o.request)}</pre></section>`,
)}`
}
