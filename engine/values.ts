/**
 * Card input values: literals, references to earlier cards' outputs, and Handlebars templates.
 *
 * `"{{event.Okta User.Alternate ID}}"` alone is a reference and passes the typed value (a list
 * stays a list). Text around references makes a template, rendered to text. Templates come from
 * the flow file only; values from events are data and are never compiled. How a referenced
 * value is written (as text, escaped, or kept apart as a part) is chosen when the value is
 * resolved, from the card's real inputs (see template.ts).
 */
import type { SourceLocation } from './errors.ts'
import {
  compileTemplate,
  ESCAPE,
  type EscapeContext,
  escapingSink,
  isPlainPath,
  lookup,
  type Renderer,
  type Scope,
  type Sink,
  splitPath,
  TEXT,
  templateRefs,
  textOf,
} from './template.ts'

export { type Escape, ESCAPE, type EscapeContext, type Scope, splitPath, TEMPLATE_HELPERS, textOf } from './template.ts'

export interface Reference {
  card: string
  path: string[]
  /** As written, for messages. */
  source: string
  loc: SourceLocation
}

export type ValueNode =
  | { kind: 'literal'; value: unknown }
  | { kind: 'ref'; ref: Reference }
  | { kind: 'template'; source: string; refs: Reference[]; render: Renderer }
  | { kind: 'list'; items: ValueNode[] }
  | { kind: 'object'; fields: [string, ValueNode][] }

export type CompileResult = { node: ValueNode } | { error: string }

/** Compiles one string from the flow file. */
export function compileString(text: string, loc: SourceLocation): CompileResult {
  const single = /^\s*\{\{(\{?)\s*([^{}]+?)\s*(\}?)\}\}\s*$/.exec(text)
  const inner = single?.[2]
  if (inner && single[1] === single[3] && isPlainPath(inner) && !inner.startsWith('@') && inner !== 'this' && !inner.startsWith('../')) {
    try {
      const [card, ...path] = splitPath(inner)
      return { node: { kind: 'ref', ref: { card: card!, path, source: inner, loc } } }
    } catch (err) {
      return { error: (err as Error).message }
    }
  }
  if (!text.includes('{{')) return { node: { kind: 'literal', value: text } }
  try {
    const { render, program } = compileTemplate(text)
    return { node: { kind: 'template', source: text, refs: templateRefs(program, loc), render } }
  } catch (err) {
    return { error: `template: ${firstLine((err as Error).message)}` }
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s
}

/** Own properties only: a path never walks into a prototype (`__proto__`, `constructor`). */
export const getPath = lookup

/** A template failed while rendering: a value the checker could not foresee. */
export class RenderError extends Error {}

function render(node: Extract<ValueNode, { kind: 'template' }>, scope: Scope, sink: Sink): string {
  try {
    return node.render(scope, sink)
  } catch (err) {
    throw new RenderError(`the template ${JSON.stringify(node.source.slice(0, 80))} could not be rendered: ${firstLine((err as Error).message)}`)
  }
}

export function resolveValue(node: ValueNode, scope: Scope, esc?: EscapeContext): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value
    case 'ref': {
      const outputs = Object.hasOwn(scope, node.ref.card) ? scope[node.ref.card] : undefined
      const value = getPath(outputs, node.ref.path)
      return esc && typeof value === 'string' && !esc.trusted(node.ref.card) ? ESCAPE[esc.mode](value) : value
    }
    case 'template':
      return render(node, scope, esc ? escapingSink(esc) : TEXT)
    case 'list':
      return node.items.map((item) => resolveValue(item, scope, esc))
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [k, v] of node.fields) out[k] = resolveValue(v, scope, esc)
      return out
    }
  }
}

/** A piece of an input's value: text the flow author wrote, or the text of a value a reference gave. */
export type Part = { from: 'author'; text: string } | { from: 'reference'; text: string }

/** Marks a referenced value inside rendered text: private-use characters around its index. */
const OPEN = '\uE000'
const CLOSE = '\uE001'

/** Keeps each value a template drops in apart from the author's text around it. */
class PartsSink implements Sink {
  readonly values: string[] = []
  put(value: unknown): string {
    this.values.push(textOf(value))
    return `${OPEN}${this.values.length - 1}${CLOSE}`
  }
}

/**
 * The input as the parts it was made of, one list of parts per item: a text is one item, a list
 * one per element, and a reference to a list one per element of that list. Cards that must not
 * let a referenced value count as several things (mail recipients) read this instead of the text.
 */
export function partsOf(node: ValueNode, scope: Scope): Part[][] {
  switch (node.kind) {
    case 'literal':
      return node.value === null || node.value === undefined ? [] : [[{ from: 'author', text: textOf(node.value) }]]
    case 'ref': {
      const value = resolveValue(node, scope)
      const items = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]
      return items.map((item) => [{ from: 'reference', text: textOf(item) }])
    }
    case 'template': {
      const sink = new PartsSink()
      const text = render(node, scope, sink)
      const parts: Part[] = []
      for (const [i, piece] of text.split(new RegExp(`${OPEN}(\\d+)${CLOSE}`)).entries()) {
        if (i % 2 === 1) parts.push({ from: 'reference', text: sink.values[Number(piece)] ?? '' })
        else if (piece !== '') parts.push({ from: 'author', text: piece })
      }
      return [parts]
    }
    case 'list':
      return node.items.flatMap((item) => partsOf(item, scope))
    case 'object':
      return [[{ from: 'reference', text: textOf(resolveValue(node, scope)) }]]
  }
}

/** Every reference a value reads, for the checker. */
export function referencesOf(node: ValueNode): Reference[] {
  switch (node.kind) {
    case 'literal':
      return []
    case 'ref':
      return [node.ref]
    case 'template':
      return node.refs
    case 'list':
      return node.items.flatMap(referencesOf)
    case 'object':
      return node.fields.flatMap(([, v]) => referencesOf(v))
  }
}

/** Templates render only when the flow runs, wherever they are nested. */
function hasTemplate(node: ValueNode): boolean {
  if (node.kind === 'list') return node.items.some(hasTemplate)
  if (node.kind === 'object') return node.fields.some(([, v]) => hasTemplate(v))
  return node.kind === 'template'
}

/** The value when it holds no reference and no template at all (for literal type checks). */
export function literalOf(node: ValueNode): { value: unknown } | undefined {
  if (referencesOf(node).length > 0 || hasTemplate(node)) return undefined
  return { value: resolveValue(node, {}) }
}
