/**
 * Card input values: literals, references to earlier cards' outputs, and Handlebars templates.
 *
 * `"{{event.Okta User.Alternate ID}}"` alone is a reference and passes the typed value (a list
 * stays a list). Text around references makes a template, rendered to text. Templates come from
 * the flow file only; values from events are data and are never compiled.
 */
import Handlebars from 'handlebars'
import type { SourceLocation } from './errors.ts'

export interface Reference {
  card: string
  path: string[]
  /** As written, for messages. */
  source: string
  loc: SourceLocation
}

/** Markup that event data must not be able to inject into: HTML email bodies, Slack mrkdwn, a URL (each value one path segment or query value). */
export type Escape = 'html' | 'slack' | 'path'

/**
 * How values referenced in one input are escaped: every reference, unless it reads a card whose
 * output is already escaped the same way (a Compose with that `format`), so nothing is escaped twice.
 */
export interface EscapeContext {
  mode: Escape
  trusted(card: string): boolean
}

export const ESCAPE: Record<Escape, (text: string) => string> = {
  html: (text) => Handlebars.escapeExpression(text),
  slack: (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
  path: (text) => encodeURIComponent(text),
}

export type ValueNode =
  | { kind: 'literal'; value: unknown }
  | { kind: 'ref'; ref: Reference; escape?: Escape }
  | { kind: 'template'; source: string; refs: Reference[]; render: (scope: Scope) => string }
  | { kind: 'list'; items: ValueNode[] }
  | { kind: 'object'; fields: [string, ValueNode][] }

/** Card id to that card's outputs. */
export type Scope = Record<string, Record<string, unknown>>

const hb = Handlebars.create()

/** How a value prints inside text: lists and objects as JSON, nothing for null. */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

hb.registerHelper('__text', (value: unknown) => textOf(value))
hb.registerHelper('__html', (value: unknown) => ESCAPE.html(textOf(value)))
hb.registerHelper('__slack', (value: unknown) => ESCAPE.slack(textOf(value)))
hb.registerHelper('__path', (value: unknown) => ESCAPE.path(textOf(value)))
hb.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null))
hb.registerHelper('join', (list: unknown, sep: unknown) =>
  Array.isArray(list) ? list.map(textOf).join(typeof sep === 'string' ? sep : ', ') : textOf(list),
)
hb.registerHelper('lower', (v: unknown) => textOf(v).toLowerCase())
hb.registerHelper('upper', (v: unknown) => textOf(v).toUpperCase())
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b)

export const TEMPLATE_HELPERS = ['__text', '__html', '__slack', 'json', 'join', 'lower', 'upper', 'eq', 'if', 'unless', 'each', 'with', 'lookup']

/** `a.b c.[d.e].0` to `['a', 'b c', 'd.e', '0']`. */
export function splitPath(source: string): string[] {
  const parts: string[] = []
  let i = 0
  while (i <= source.length) {
    if (source[i] === '[') {
      const end = source.indexOf(']', i)
      if (end < 0) throw new Error(`unclosed [ in ${source}`)
      parts.push(source.slice(i + 1, end))
      i = end + 1
      if (i < source.length && source[i] !== '.') throw new Error(`expected . after ] in ${source}`)
      i++
    } else {
      let end = source.indexOf('.', i)
      if (end < 0) end = source.length
      parts.push(source.slice(i, end).trim())
      i = end + 1
    }
  }
  if (parts.some((p) => p === '')) throw new Error(`empty segment in ${source}`)
  return parts
}

/** A mustache; one after a backslash (`\\{{x}}`) is Handlebars' escape for literal braces and is left alone. */
const MUSTACHE = /(?<!\\)\{\{(\{?)\s*([^{}]*?)\s*\}?\}\}/g
/** A mustache that is a plain path (spaces allowed inside segments), not a helper call. */
const PLAIN_PATH = /^(?:@?[A-Za-z_$][\w$-]*|this|\.\.\/[\w$-]+)(?:\.(?:\[[^\]]*\]|[^.[\]"'=()|~#/^!>&]+))*$/

function isPlainPath(inner: string): boolean {
  if (!PLAIN_PATH.test(inner)) return false
  // A space before the first dot means `helper arg`, not a path.
  const head = inner.split('.')[0] ?? ''
  return !/\s/.test(head)
}

function bracketed(path: string): string {
  if (path.startsWith('@') || path === 'this' || path.startsWith('../')) return path
  return splitPath(path)
    .map((seg) => `[${seg}]`)
    .join('.')
}

/**
 * Rewrites plain-path mustaches to `{{__text [a].[b c]}}` so that Okta's output names with
 * spaces work and lists and objects print as JSON. With an escape context, referenced values
 * and helper results print escaped (`{{__slack …}}`); block syntax is left as written.
 */
export function preprocessTemplate(source: string, esc?: EscapeContext): string {
  return source.replace(MUSTACHE, (whole, _triple: string, inner: string) => {
    if (isPlainPath(inner)) {
      const head = splitPath(inner)[0] ?? ''
      const helper = esc && !esc.trusted(head) ? `__${esc.mode}` : '__text'
      return `{{${helper} ${bracketed(inner)}}}`
    }
    if (!esc || /^[#/^!>&]|^else\b/.test(inner)) return whole
    return `{{__${esc.mode} (${inner})}}`
  })
}

export type CompileResult = { node: ValueNode } | { error: string }

/** Compiles one string from the flow file. */
export function compileString(text: string, loc: SourceLocation, esc?: EscapeContext): CompileResult {
  const single = /^\s*\{\{\{?\s*([^{}]+?)\s*\}?\}\}\s*$/.exec(text)
  if (single?.[1] && isPlainPath(single[1]) && !single[1].startsWith('@') && single[1] !== 'this') {
    try {
      const [card, ...path] = splitPath(single[1])
      const ref: Reference = { card: card!, path, source: single[1], loc }
      return { node: esc && !esc.trusted(ref.card) ? { kind: 'ref', ref, escape: esc.mode } : { kind: 'ref', ref } }
    } catch (err) {
      return { error: (err as Error).message }
    }
  }
  if (!text.includes('{{')) return { node: { kind: 'literal', value: text } }
  let source: string
  let refs: Reference[]
  try {
    source = preprocessTemplate(text, esc)
    refs = templateRefs(hb.parse(source), loc)
  } catch (err) {
    return { error: `template: ${firstLine((err as Error).message)}` }
  }
  return { node: { kind: 'template', source: text, refs, render: plainRenderer(text, esc) ?? handlebarsRenderer(source) } }
}

function handlebarsRenderer(source: string): (scope: Scope) => string {
  const compiled = hb.compile(source, { noEscape: true, strict: false, knownHelpersOnly: false })
  return (scope) => compiled(scope)
}

/**
 * Most templates are text with plain references and no helpers: those render by concatenation,
 * with exactly Handlebars' result for them, several times faster.
 */
function plainRenderer(text: string, esc: EscapeContext | undefined): ((scope: Scope) => string) | undefined {
  if (text.includes('\\')) return undefined
  const literals: string[] = []
  const paths: string[][] = []
  const escapes: ((text: string) => string)[] = []
  let last = 0
  for (const m of text.matchAll(MUSTACHE)) {
    const inner = m[2] ?? ''
    if (!isPlainPath(inner) || inner.startsWith('@') || inner === 'this' || inner.startsWith('../')) return undefined
    literals.push(text.slice(last, m.index))
    const path = splitPath(inner)
    paths.push(path)
    escapes.push(esc && !esc.trusted(path[0]!) ? ESCAPE[esc.mode] : (t) => t)
    last = m.index + m[0].length
  }
  const tail = text.slice(last)
  const literalText = literals.join('') + tail
  if (literalText.includes('{{') || literalText.includes('}}')) return undefined
  return (scope) => {
    let out = ''
    for (let i = 0; i < paths.length; i++) out += literals[i]! + escapes[i]!(textOf(getPath(scope, paths[i]!)))
    return out + tail
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s
}

type HbNode = hbs.AST.Node & Record<string, unknown>

/** Paths a template reads from the top-level scope (inside #each/#with the scope changes). */
function templateRefs(program: hbs.AST.Program, loc: SourceLocation): Reference[] {
  const refs: Reference[] = []
  const visitPath = (p: hbs.AST.PathExpression) => {
    if (p.data || p.depth > 0 || p.parts.length === 0 || p.original === 'this') return
    const [card, ...path] = p.parts
    refs.push({ card: card!, path, source: p.parts.join('.'), loc })
  }
  const visitExpr = (e: HbNode | undefined, isHelperPosition: boolean) => {
    if (!e) return
    if (e.type === 'PathExpression') {
      if (!isHelperPosition) visitPath(e as unknown as hbs.AST.PathExpression)
    } else if (e.type === 'SubExpression') {
      visitCall(e)
    }
  }
  const visitCall = (node: HbNode) => {
    const params = (node.params as HbNode[] | undefined) ?? []
    const hash = node.hash as { pairs: { value: HbNode }[] } | undefined
    visitExpr(node.path as HbNode, params.length > 0 || hash !== undefined || isKnownHelper(node.path))
    for (const p of params) visitExpr(p, false)
    for (const pair of hash?.pairs ?? []) visitExpr(pair.value, false)
  }
  const visitProgram = (prog: hbs.AST.Program | undefined, scoped: boolean) => {
    if (!prog || scoped) return
    for (const stmt of prog.body as HbNode[]) {
      if (stmt.type === 'MustacheStatement') visitCall(stmt)
      if (stmt.type === 'BlockStatement') {
        visitCall(stmt)
        const name = (stmt.path as hbs.AST.PathExpression).original
        const changesScope = name !== 'if' && name !== 'unless'
        visitProgram(stmt.program as hbs.AST.Program, changesScope)
        visitProgram(stmt.inverse as hbs.AST.Program | undefined, false)
      }
    }
  }
  visitProgram(program, false)
  return refs
}

function isKnownHelper(path: unknown): boolean {
  const p = path as hbs.AST.PathExpression | undefined
  return p?.type === 'PathExpression' && TEMPLATE_HELPERS.includes(p.original)
}

/** Own properties only: a path never walks into a prototype (`__proto__`, `constructor`). */
export function getPath(value: unknown, path: readonly string[]): unknown {
  let cur = value
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    if (!Object.hasOwn(cur, seg)) return undefined
    cur = (cur as Record<string, unknown>)[seg]
  }
  return cur
}

export function resolveValue(node: ValueNode, scope: Scope): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value
    case 'ref': {
      const outputs = Object.hasOwn(scope, node.ref.card) ? scope[node.ref.card] : undefined
      const value = getPath(outputs, node.ref.path)
      return node.escape && typeof value === 'string' ? ESCAPE[node.escape](value) : value
    }
    case 'template':
      return node.render(scope)
    case 'list':
      return node.items.map((item) => resolveValue(item, scope))
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [k, v] of node.fields) out[k] = resolveValue(v, scope)
      return out
    }
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

/** Templates render only when the flow runs (a helper or partial may throw), wherever they are nested. */
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
