/**
 * A flow plan as a picture: nodes (trigger, cards, joins, stops) and edges in run order, with
 * branches side by side. The model is shared by the SVG renderer (ui/svg.ts) and Mermaid.
 */
import type { FlowPlan, PlannedCard } from '../engine/check.ts'
import { literalOf } from '../engine/values.ts'

export type NodeKind = 'trigger' | 'function' | 'control' | 'connector' | 'join' | 'stop'

export interface GraphNode {
  /** Unique within the graph: `t:`, `c:`, `j:` or `s:` plus the card id. */
  key: string
  kind: NodeKind
  /** The card (or trigger) id this node stands for; joins and stops name their card. */
  cardId: string
  /** First line, in bold. */
  title: string
  /** Further lines: the card's Okta name, its connector, declared outputs, a stop message. */
  lines: string[]
}

export interface GraphEdge {
  from: string
  to: string
  /** Branch name on edges leaving a branching card, `false` on a Continue If's stop edge. */
  label?: string
}

export interface FlowGraph {
  name: string
  nodes: GraphNode[]
  edges: GraphEdge[]
}

/** A loose end waiting for the next node: where it comes from and the label its edge carries. */
interface Tail {
  key: string
  label?: string
}

export function flowGraph(plan: FlowPlan): FlowGraph {
  const nodes: GraphNode[] = []
  const edges: GraphEdge[] = []
  const connect = (tails: Tail[], to: string) => {
    for (const t of tails) edges.push({ from: t.key, to, ...(t.label !== undefined && { label: t.label }) })
  }
  const chain = (cards: PlannedCard[], tails: Tail[]): Tail[] => {
    let open = tails
    for (const card of cards) {
      const key = `c:${card.id}`
      nodes.push(cardNode(card, key))
      connect(open, key)
      open = [{ key }]
      if (card.def.stops) nodes.push(stopNode(card, card.def.stops, edges, key))
      if (card.branches.length > 0) open = branches(card, key)
    }
    return open
  }
  const branches = (card: PlannedCard, key: string): Tail[] => {
    const ends = card.branches.flatMap(([branch, list]) => chain(list, [{ key, label: branch }]))
    const joinKey = `j:${card.id}`
    const outputs = card.declaredOutputs.map(([name]) => `→ ${name}`)
    nodes.push({ key: joinKey, kind: 'join', cardId: card.id, title: 'Join', lines: outputs })
    connect(ends, joinKey)
    return [{ key: joinKey }]
  }
  const t = plan.trigger
  nodes.push({ key: `t:${t.id}`, kind: 'trigger', cardId: t.id, title: t.id, lines: [t.def.title] })
  chain(plan.cards, [{ key: `t:${t.id}` }])
  return { name: plan.name, nodes, edges }
}

function cardNode(card: PlannedCard, key: string): GraphNode {
  const lines = [card.def.title]
  if (card.def.connector) lines.push(`${card.def.connector.name} · ${card.connection ?? 'default connection'}`)
  const kind: NodeKind = card.def.connector ? 'connector' : card.def.kind === 'control' ? 'control' : 'function'
  return { key, kind, cardId: card.id, title: card.id, lines }
}

/** A card that may end the flow normally (Continue If); the picture shows where and with what message. */
function stopNode(card: PlannedCard, stops: NonNullable<PlannedCard['def']['stops']>, edges: GraphEdge[], from: string): GraphNode {
  const message = stops.messageInput === undefined ? undefined : card.inputs.find(([name]) => name === stops.messageInput)?.[1]
  const literal = message ? literalOf(message) : undefined
  const key = `s:${card.id}`
  edges.push({ from, to: key, label: stops.when })
  const lines = typeof literal?.value === 'string' ? [literal.value] : []
  return { key, kind: 'stop', cardId: card.id, title: 'stop', lines }
}

const MERMAID_SHAPE: Record<NodeKind, [string, string]> = {
  trigger: ['([', '])'],
  function: ['[', ']'],
  control: ['{{', '}}'],
  connector: ['[[', ']]'],
  join: ['((', '))'],
  stop: ['>', ']'],
}

/** Mermaid `flowchart` text: GitHub renders it in a pull request or a Markdown file. */
export function toMermaid(graph: FlowGraph): string {
  const ids = new Map(graph.nodes.map((n, i) => [n.key, `n${i}`]))
  const out = ['flowchart TD', `  %% ${mermaidComment(graph.name)}`]
  for (const n of graph.nodes) {
    const [open, close] = MERMAID_SHAPE[n.kind]
    const label = [n.title, ...n.lines].map(mermaidText).join('<br/>')
    out.push(`  ${ids.get(n.key)}${open}"${label}"${close}`)
  }
  for (const e of graph.edges) {
    const arrow = e.label === undefined ? '-->' : `-->|"${mermaidText(e.label)}"|`
    out.push(`  ${ids.get(e.from)} ${arrow} ${ids.get(e.to)}`)
  }
  const connectors = graph.nodes.filter((n) => n.kind === 'connector').map((n) => ids.get(n.key))
  if (connectors.length > 0) {
    out.push('  classDef connector fill:#fff4e0,stroke:#d08700')
    out.push(`  class ${connectors.join(',')} connector`)
  }
  return `${out.join('\n')}\n`
}

/** Mermaid reads `"`, `<`, `>`, `#` and `&` in a quoted label as markup: use its entity codes. */
function mermaidText(s: string): string {
  return s.replace(/[#"<>&|]/g, (c) => `#${c.charCodeAt(0)};`).replace(/[\r\n]+/g, ' ')
}

function mermaidComment(s: string): string {
  return s.replace(/[\r\n]+/g, ' ')
}
