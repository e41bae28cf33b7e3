/**
 * Stage 1: YAML text to a tree of located nodes. Aliases are expanded here under a budget, so a
 * hostile file (alias bomb, huge or deeply nested) fails fast with a clear error.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type Document } from 'yaml'
import { FlowSyntaxError, type SourceLocation } from './errors.ts'
import { diagnoseYaml } from './yaml-errors.ts'

export const LIMITS = {
  /** A flow file is a page or two of YAML; a megabyte is already absurd. */
  maxBytes: 1024 * 1024,
  maxDepth: 64,
  /** Nodes after alias expansion: stops billion-laughs style documents. */
  maxNodes: 200_000,
}

export interface YBase {
  loc: SourceLocation
}
export interface YMap extends YBase {
  kind: 'map'
  entries: { key: string; keyLoc: SourceLocation; value: YNode }[]
}
export interface YSeq extends YBase {
  kind: 'seq'
  items: YNode[]
}
export interface YScalar extends YBase {
  kind: 'scalar'
  value: string | number | boolean | null
}
export type YNode = YMap | YSeq | YScalar

export interface ParseResult {
  root?: YNode
  errors: FlowSyntaxError[]
}

export function parseYaml(text: string, file: string): ParseResult {
  const at = (line: number, col: number): SourceLocation => ({ file, line, col })
  if (Buffer.byteLength(text) > LIMITS.maxBytes) {
    return { errors: [new FlowSyntaxError(`file is larger than ${LIMITS.maxBytes} bytes`, at(1, 1))] }
  }
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false })
  const locOf = (offset: number): SourceLocation => {
    const { line, col } = lines.linePos(offset)
    return at(line, col)
  }
  const [first] = doc.errors
  if (first) {
    // later errors are almost always the first one's echoes: report the first, at its cause
    const cause = diagnoseYaml(text, first)
    const error = cause ? new FlowSyntaxError(cause.message, locOf(cause.offset)) : new FlowSyntaxError(`YAML: ${firstLine(first.message)}`, locOf(first.pos[0]))
    return { errors: [error] }
  }
  try {
    const root = new Converter(doc, locOf).convert(doc.contents, 0)
    return root ? { root, errors: [] } : { errors: [new FlowSyntaxError('the file is empty', at(1, 1))] }
  } catch (err) {
    if (err instanceof FlowSyntaxError) return { errors: [err] }
    throw err
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}

class Converter {
  private nodes = 0

  constructor(
    private readonly doc: Document,
    private readonly locOf: (offset: number) => SourceLocation,
  ) {}

  convert(node: Node | null | undefined, depth: number): YNode | undefined {
    if (node == null) return undefined
    const loc = this.locOf(node.range?.[0] ?? 0)
    if (++this.nodes > LIMITS.maxNodes) {
      throw new FlowSyntaxError(`document expands to more than ${LIMITS.maxNodes} nodes (alias bomb?)`, loc)
    }
    if (depth > LIMITS.maxDepth) {
      throw new FlowSyntaxError(`nesting deeper than ${LIMITS.maxDepth} levels`, loc)
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc)
      if (!target) throw new FlowSyntaxError(`unknown alias *${node.source}`, loc)
      return this.convert(target, depth + 1)
    }
    if (isScalar(node)) return { kind: 'scalar', value: scalarValue(node.value, loc), loc }
    if (isSeq(node)) {
      const items: YNode[] = []
      for (const item of node.items) {
        const converted = this.convert(item as Node, depth + 1)
        items.push(converted ?? { kind: 'scalar', value: null, loc })
      }
      return { kind: 'seq', items, loc }
    }
    if (isMap(node)) {
      const entries: YMap['entries'] = []
      for (const pair of node.items) {
        const keyNode = pair.key as Node | null
        const keyLoc = keyNode?.range ? this.locOf(keyNode.range[0]) : loc
        if (!isScalar(keyNode) || typeof keyNode.value === 'object') {
          throw new FlowSyntaxError('map keys must be plain text', keyLoc)
        }
        const value = this.convert(pair.value as Node | null, depth + 1)
        entries.push({
          key: String(keyNode.value),
          keyLoc,
          value: value ?? { kind: 'scalar', value: null, loc: keyLoc },
        })
      }
      return { kind: 'map', entries, loc }
    }
    throw new FlowSyntaxError('unsupported YAML node', loc)
  }
}

function scalarValue(value: unknown, loc: SourceLocation): YScalar['value'] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  if (value instanceof Date) return value.toISOString()
  throw new FlowSyntaxError(`unsupported YAML value of type ${typeof value}`, loc)
}

/** The plain JavaScript value of a node (for schema checks of literals). */
export function toPlain(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value
    case 'seq':
      return node.items.map(toPlain)
    case 'map': {
      const out: Record<string, unknown> = Object.create(null)
      for (const e of node.entries) out[e.key] = toPlain(e.value)
      return out
    }
  }
}

export function entry(map: YMap, key: string): YMap['entries'][number] | undefined {
  return map.entries.find((e) => e.key === key)
}
