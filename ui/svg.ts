/**
 * Draws a FlowGraph as standalone SVG: dagre places the boxes, we draw them. Colours are
 * presentation attributes rather than a <style> block, so the same markup works in a file, in
 * a pull request, and inline in a page whose CSP allows no inline styles.
 */
import dagre from '@dagrejs/dagre'
import type { CardStatus } from '../engine/history.ts'
import type { FlowGraph, GraphNode, NodeKind } from './graph.ts'
import { escapeHtml } from './html.ts'

export interface SvgOptions {
  /** Colours the boxes of a run's cards by how they ended. */
  statuses?: ReadonlyMap<string, CardStatus>
}

const FONT = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif'
const LINE_HEIGHT = 16
const PAD_X = 14
const PAD_Y = 10
/** Rough average glyph widths; boxes only need to be wide enough, not exact. */
const CHAR_W = 7
const TITLE_CHAR_W = 8
const MAX_LINE = 48

const KIND_COLOURS: Record<NodeKind, { fill: string; stroke: string }> = {
  trigger: { fill: '#e8f0fe', stroke: '#3367d6' },
  function: { fill: '#ffffff', stroke: '#8a8f98' },
  control: { fill: '#f3e8fd', stroke: '#8e44ad' },
  connector: { fill: '#fff4e0', stroke: '#d08700' },
  join: { fill: '#f1f3f4', stroke: '#8a8f98' },
  stop: { fill: '#fdf6e3', stroke: '#b58900' },
}

const STATUS_COLOURS: Record<CardStatus, { fill: string; stroke: string }> = {
  succeeded: { fill: '#e6f4ea', stroke: '#188038' },
  failed: { fill: '#fce8e6', stroke: '#c5221f' },
  stopped: { fill: '#fef7e0', stroke: '#b06000' },
  skipped: { fill: '#f8f9fa', stroke: '#c0c4c9' },
  waiting: { fill: '#e8f0fe', stroke: '#1a73e8' },
}

interface Point {
  x: number
  y: number
}

interface Box extends Point {
  width: number
  height: number
}

interface Placed {
  node: GraphNode
  lines: string[]
  x: number
  y: number
  width: number
  height: number
}

export function renderSvg(graph: FlowGraph, opts: SvgOptions = {}): string {
  const { placed, edges, width, height } = layout(graph)
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="flow-graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(graph.name)}">`,
    `<title>${escapeHtml(graph.name)}</title>`,
    '<defs><marker id="cf-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5f6368"/></marker></defs>',
    '<g class="edges">',
    ...edges,
    '</g>',
    '<g class="nodes">',
    ...placed.map((p) => nodeSvg(p, opts.statuses)),
    '</g>',
    '</svg>',
  ]
  return `${parts.join('\n')}\n`
}

function wrapLines(node: GraphNode): string[] {
  return node.lines.map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE - 1)}…` : l))
}

function layout(graph: FlowGraph) {
  const g = new dagre.graphlib.Graph({ multigraph: false })
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 40, marginx: 16, marginy: 16 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const node of graph.nodes) {
    const lines = wrapLines(node)
    const textW = Math.max(node.title.length * TITLE_CHAR_W, ...lines.map((l) => l.length * CHAR_W))
    const width = node.kind === 'join' && lines.length === 0 ? 56 : Math.max(120, textW + 2 * PAD_X)
    const height = (1 + lines.length) * LINE_HEIGHT + 2 * PAD_Y
    g.setNode(node.key, { width, height, lines })
  }
  for (const e of graph.edges) {
    // Heavier edges are kept short and straight: the main line over a Continue If's stop edge.
    // Labels are drawn by us at the edge's end: dagre's label nodes would escape the constraints.
    g.setEdge(e.from, e.to, { label: e.label ?? '', weight: e.label === 'false' ? 1 : 4 })
  }
  dagre.layout(g, { constraints: sideBySide(graph) })
  const placed: Placed[] = graph.nodes.map((node) => {
    const n = g.node(node.key) as { x: number; y: number; width: number; height: number; lines: string[] }
    return { node, lines: n.lines, x: n.x, y: n.y, width: n.width, height: n.height }
  })
  const edges = g.edges().map((e: { v: string; w: string }) => {
    const data = g.edge(e) as { points: Point[]; label: string }
    const [from, to] = [g.node(e.v) as Box, g.node(e.w) as Box]
    // Bottom centre to top centre; dagre's inner points only matter for edges that skip ranks.
    const inner = data.points.length > 3 ? data.points.slice(1, -1) : []
    const points = [{ x: from.x, y: from.y + from.height / 2 }, ...inner, { x: to.x, y: to.y - to.height / 2 }]
    return edgeSvg(points, data.label, e.v, e.w)
  })
  const size = g.graph() as { width?: number; height?: number }
  return { placed, edges, width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0) }
}

/** Branches left to right in the order the card declares them (then before else), stops on the right. */
function sideBySide(graph: FlowGraph): { left: string; right: string }[] {
  const out: { left: string; right: string }[] = []
  const byFrom = new Map<string, string[]>()
  for (const e of graph.edges) byFrom.set(e.from, [...(byFrom.get(e.from) ?? []), e.to])
  for (const targets of byFrom.values()) {
    const ordered = [...targets.filter((t) => !t.startsWith('s:')), ...targets.filter((t) => t.startsWith('s:'))]
    for (let i = 1; i < ordered.length; i++) out.push({ left: ordered[i - 1]!, right: ordered[i]! })
  }
  return out
}

/** Vertical S-curves between consecutive points: leaves a box downwards, enters the next from above. */
function curve(points: Point[]): string {
  const f = (n: number) => n.toFixed(1)
  let d = `M${f(points[0]!.x)},${f(points[0]!.y)}`
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!]
    const mid = (a.y + b.y) / 2
    d += ` C${f(a.x)},${f(mid)} ${f(b.x)},${f(mid)} ${f(b.x)},${f(b.y)}`
  }
  return d
}

function edgeSvg(points: Point[], label: string, from: string, to: string): string {
  const d = curve(points)
  const attrs = `data-from="${escapeHtml(from)}" data-to="${escapeHtml(to)}"`
  const path = `<path ${attrs} d="${d}" fill="none" stroke="#5f6368" stroke-width="1.5" stroke-linejoin="round" marker-end="url(#cf-arrow)"/>`
  const end = points[points.length - 1]
  if (!label || !end) return path
  const width = label.length * CHAR_W + 8
  const x = end.x + 6
  const y = end.y - 10
  const bg = `<rect x="${(x - 3).toFixed(1)}" y="${(y - 11).toFixed(1)}" width="${width}" height="15" rx="3" fill="#ffffff" opacity="0.9"/>`
  const text = `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${FONT}" font-size="12" font-style="italic" fill="#3c4043" class="edge-label">${escapeHtml(label)}</text>`
  return `${path}\n${bg}\n${text}`
}

function nodeSvg(p: Placed, statuses: SvgOptions['statuses']): string {
  const status = statuses?.get(p.node.cardId)
  const cardNode = p.node.kind !== 'join' && p.node.kind !== 'stop'
  const colours = status && cardNode ? STATUS_COLOURS[status] : KIND_COLOURS[p.node.kind]
  const left = p.x - p.width / 2
  const top = p.y - p.height / 2
  const rx = p.node.kind === 'trigger' ? p.height / 2 : p.node.kind === 'join' ? 12 : 6
  const dash = p.node.kind === 'connector' ? ' stroke-dasharray="6 3"' : ''
  const classes = ['node', p.node.kind, ...(status && cardNode ? [`status-${status}`] : [])].join(' ')
  const id = cardNode ? ` id="card-${escapeHtml(p.node.cardId)}"` : ''
  const tspans = [
    `<tspan x="${p.x.toFixed(1)}" dy="0" font-weight="600" font-size="13">${escapeHtml(p.node.title)}</tspan>`,
    ...p.lines.map((l) => `<tspan x="${p.x.toFixed(1)}" dy="${LINE_HEIGHT}" font-size="12" fill="#5f6368">${escapeHtml(l)}</tspan>`),
  ]
  const firstBaseline = top + PAD_Y + 12
  return [
    `<g class="${classes}"${id} data-card="${escapeHtml(p.node.cardId)}" data-kind="${p.node.kind}">`,
    ...(status && cardNode ? [`<title>${escapeHtml(`${p.node.cardId}: ${status}`)}</title>`] : []),
    `<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${p.width.toFixed(1)}" height="${p.height.toFixed(1)}" rx="${rx.toFixed(1)}" fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="1.5"${dash}/>`,
    `<text x="${p.x.toFixed(1)}" y="${firstBaseline.toFixed(1)}" text-anchor="middle" font-family="${FONT}" fill="#202124">${tspans.join('')}</text>`,
    '</g>',
  ].join('\n')
}
