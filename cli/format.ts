/** Flow history as a person reads it in a terminal: each card with status, inputs, outputs, time. */
import { styleText } from 'node:util'
import type { CardRecord, CardStatus, OutboundRecord, RunRecord, RunStatus } from '../engine/history.ts'

type Style = Parameters<typeof styleText>[0]

export interface FormatOptions {
  color?: boolean
  /** Longest value shown before it is cut, in characters. */
  width?: number
  /** Show every value whole (`--full`), however long. */
  full?: boolean
}

const MARK: Record<CardStatus, string> = { succeeded: '✓', failed: '✗', skipped: '·', stopped: '■', waiting: '◷' }
const CARD_STYLE: Record<CardStatus, Style> = { succeeded: 'green', failed: 'red', skipped: 'gray', stopped: 'yellow', waiting: 'yellow' }
const RUN_STYLE: Record<RunStatus, Style> = { succeeded: 'green', failed: 'red', stopped: 'yellow', waiting: 'yellow' }

export function formatRun(run: RunRecord, opts: FormatOptions = {}): string {
  const paint = (style: Style, text: string) => (opts.color ? styleText(style, text) : text)
  const width = opts.full ? Number.POSITIVE_INFINITY : (opts.width ?? 160)
  const show = (v: unknown) => clip(typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? 'null'), width)
  const lines: string[] = []
  const header = `${run.flow} (${run.flowFile}): ${paint(RUN_STYLE[run.status], run.status)} in ${ms(run.durationMs)}`
  lines.push(`${header}${run.dryRun ? paint('gray', '  [dry run]') : ''}  run ${run.runId}`)
  if (run.message) lines.push(`  ${paint('yellow', 'stopped:')} ${run.message}`)
  if (run.waitUntil) lines.push(`  ${paint('yellow', 'waiting until:')} ${run.waitUntil} (card "${run.waitingCard}")`)
  else if (run.status === 'waiting') lines.push(`  ${paint('yellow', 'paused:')} until a resume request (card "${run.waitingCard}")`)
  if (run.error) lines.push(`  ${paint('red', 'error:')} ${run.error.cardId ? `card "${run.error.cardId}": ` : ''}${run.error.message}`)
  lines.push('')
  lines.push(`${paint('cyan', '▶')} ${run.trigger.id}  ${paint('gray', run.trigger.card)}`)
  for (const [k, v] of Object.entries(run.trigger.outputs)) {
    if (k === 'Event Details' || k === 'Headers' || k === 'Client') continue
    lines.push(`    ${k}: ${show(v)}`)
  }
  const depth = depthOf(run.cards)
  for (const card of run.cards) {
    const indent = '  '.repeat(depth.get(card.id) ?? 0)
    const branch = card.parent ? paint('gray', ` [${card.parent.id}: ${card.parent.branch}]`) : ''
    const status = paint(CARD_STYLE[card.status], `${MARK[card.status]} ${card.status}`)
    const time = card.status === 'skipped' ? '' : `  ${ms(card.durationMs)}`
    const reused = card.reused ? paint('gray', '  (sent in an earlier attempt; not sent again)') : ''
    lines.push(`${indent}${status}  ${paint('bold', card.id)}  ${paint('gray', card.card)}${branch}${time}${reused}`)
    if (card.status === 'skipped') continue
    for (const [k, v] of Object.entries(card.inputs)) lines.push(`${indent}    in   ${k}: ${show(v)}`)
    for (const [k, v] of Object.entries(card.outputs)) lines.push(`${indent}    out  ${k}: ${show(v)}`)
    if (card.message) lines.push(`${indent}    ${paint('yellow', 'message')}  ${card.message}`)
    if (card.waitUntil) lines.push(`${indent}    ${paint('yellow', 'waits until')}  ${card.waitUntil}${card.waitRecorded ? ' (recorded, not slept)' : ''}`)
    else if (card.paused) lines.push(`${indent}    ${paint('yellow', 'paused')}  until a resume request${card.waitRecorded ? ' (recorded, not paused)' : ''}`)
    if (card.error) lines.push(`${indent}    ${paint('red', 'error')}  ${card.error.code}: ${card.error.message}`)
  }
  // a request that failed before it left (no connection, cancelled) was never sent
  const notSent = run.outbound.filter((o) => o.result === 'failed' && o.attempts === 0)
  const sent = run.outbound.filter((o) => !notSent.includes(o))
  const requests = (title: string, list: OutboundRecord[]) => {
    if (list.length === 0) return
    lines.push('', title)
    for (const o of list) {
      const result = o.attempts === 0 && o.result === 'failed' ? 'not sent' : o.result
      lines.push(`  ${o.cardId}: ${o.connector} ${o.operation} (${result}${o.attempts > 1 ? `, ${o.attempts} attempts` : ''})`)
      lines.push(`    ${show(o.request)}`)
    }
  }
  requests(run.dryRun ? 'Requests that would be sent:' : 'Requests sent:', sent)
  requests('Requests not sent (they failed before leaving):', notSent)
  return lines.join('\n')
}

function depthOf(cards: CardRecord[]): Map<string, number> {
  const depth = new Map<string, number>()
  for (const c of cards) depth.set(c.id, c.parent ? (depth.get(c.parent.id) ?? 0) + 1 : 0)
  return depth
}

function ms(n: number): string {
  return n < 10 ? `${n.toFixed(2)} ms` : `${Math.round(n)} ms`
}

/** A long value is cut, saying how much is hidden and how to see it all. */
function clip(s: string, width: number): string {
  if (s.length <= width) return s
  const kept = Math.max(20, width - 50)
  return `${s.slice(0, kept)}… [${s.length - kept} more characters; --full shows all]`
}
