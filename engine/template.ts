/**
 * Handlebars templates from flow files. A template is compiled once, from its syntax tree, and
 * every value it prints goes through one helper (`__v`) that asks the render's sink how to write
 * it: as text, escaped for a markup, or kept apart as a part (see values.ts partsOf). So how a
 * value is written is decided when the card runs, on the inputs it really gets, and no form of
 * mustache (`{{x}}`, `{{{x}}}`, `{{&x}}`, `{{~x~}}`, a helper call) can skip it.
 *
 * The checker accepts only templates that render whatever the values: known helpers with the
 * arguments they need, no partials or decorators. Event data is never compiled.
 */
import Handlebars from 'handlebars'
import type { SourceLocation } from './errors.ts'
import type { Reference } from './values.ts'

/** Markup that event data must not be able to inject into: HTML email bodies, Slack mrkdwn, a URL (each value one path segment or query value). */
export type Escape = 'html' | 'slack' | 'path'

export const ESCAPE: Record<Escape, (text: string) => string> = {
  html: (text) => Handlebars.escapeExpression(text),
  slack: (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
  path: (text) => encodeURIComponent(text),
}

/** Where a render writes each value it drops in; `head` is the card the value was read from, when known. */
export interface Sink {
  put(value: unknown, head: string | undefined): string
}

/** Card id to that card's outputs. */
export type Scope = Record<string, Record<string, unknown>>

export type Renderer = (scope: Scope, sink: Sink) => string

/** How a value prints inside text: lists and objects as JSON, nothing for null. */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

export const TEXT: Sink = { put: (value) => textOf(value) }

/**
 * How referenced values are written into an input: escaped for `mode`, except values read from
 * a card whose outputs are already escaped that way (`trusted`), so nothing is escaped twice.
 */
export interface EscapeContext {
  readonly mode: Escape
  trusted(card: string): boolean
}

/** Values escaped for `mode`, except those read from a card whose output already is (never twice). */
export function escapingSink(esc: EscapeContext): Sink {
  return new EscapingSink(esc)
}

/**
 * A class rather than an object literal of arrow functions: one is made for each escaped input
 * of each run, and a named function made per call is renamed on every call where the sources
 * run through tsx (its `keepNames`), which cost more than the escaping.
 */
class EscapingSink implements Sink {
  constructor(private readonly esc: EscapeContext) {}
  put(value: unknown, head: string | undefined): string {
    return head !== undefined && this.esc.trusted(head) ? textOf(value) : ESCAPE[this.esc.mode](textOf(value))
  }
}

const SINK = '__cardflowSink'
const hb = Handlebars.create()

hb.registerHelper('__v', (head: unknown, value: unknown, options: { data?: Record<string, unknown> }) => {
  const sink = options?.data?.[SINK] as Sink | undefined
  return (sink ?? TEXT).put(value, typeof head === 'string' && head !== '' ? head : undefined)
})
hb.registerHelper('json', (value: unknown) => JSON.stringify(value ?? null))
hb.registerHelper('join', (list: unknown, sep: unknown) =>
  Array.isArray(list) ? list.map(textOf).join(typeof sep === 'string' ? sep : ', ') : textOf(list),
)
hb.registerHelper('lower', (v: unknown) => textOf(v).toLowerCase())
hb.registerHelper('upper', (v: unknown) => textOf(v).toUpperCase())
hb.registerHelper('eq', (a: unknown, b: unknown) => a === b)
hb.unregisterHelper('log')
hb.unregisterHelper('blockHelperMissing')

/** Helpers a flow may call, and how many positional arguments each needs (undefined: any). */
const HELPERS: Record<string, { min: number; max: number } | undefined> = {
  json: { min: 1, max: 1 },
  join: { min: 1, max: 2 },
  lower: { min: 1, max: 1 },
  upper: { min: 1, max: 1 },
  eq: { min: 2, max: 2 },
  lookup: { min: 2, max: 2 },
  if: { min: 1, max: 1 },
  unless: { min: 1, max: 1 },
  each: { min: 1, max: 1 },
  with: { min: 1, max: 1 },
}
export const TEMPLATE_HELPERS = Object.keys(HELPERS)
/** Block helpers: they take a block (`{{#each}}…{{/each}}`); the others print a value. */
const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with'])
/** Data variables a template may read (`{{@index}}` inside `#each`, `{{@root.card.x}}`). */
const DATA_VARIABLES = new Set(['index', 'key', 'first', 'last', 'root'])
const KNOWN_HELPERS = Object.fromEntries([...TEMPLATE_HELPERS, '__v'].map((h) => [h, true]))

/** A mustache; one after a backslash (`\\{{x}}`) is Handlebars' escape for literal braces and is left alone. */
export const MUSTACHE = /(?<!\\)\{\{(\{?)([^{}]*)(\}?)\}\}/g
/** A plain path: Okta's names with spaces (`event.Okta User.ID`) or brackets (`[event].[Okta User]`). */
const PLAIN_PATH = /^(?:@?[A-Za-z_$][\w$-]*|\[[^\]]*\]|\.\.\/[\w$-]+)(?:\.(?:\[[^\]]*\]|[^.[\]"'=()|~#/^!>&{}]+))*$/

export function isPlainPath(inner: string): boolean {
  if (!PLAIN_PATH.test(inner)) return false
  // A space before the first dot means `helper arg`, not a path.
  const head = inner.startsWith('[') ? '' : (inner.split('.')[0] ?? '')
  return !/\s/.test(head)
}

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

function bracketed(path: string): string {
  if (path.startsWith('@') || path === 'this' || path.startsWith('../')) return path
  return splitPath(path)
    .map((seg) => `[${seg}]`)
    .join('.')
}

/** Writes plain paths with spaces in brackets, so that Handlebars reads `{{event.Okta User.ID}}` as one path. */
function bracketPaths(source: string): string {
  return source.replace(MUSTACHE, (whole, open: string, raw: string, close: string) => {
    // `~` (whitespace control) and `&` (unescaped) around the path are kept as written
    const [, before = '', amp = '', inner = '', after = ''] = /^\s*(~?)\s*(&?)\s*(.*?)\s*(~?)\s*$/s.exec(raw) ?? []
    if (!isPlainPath(inner) || inner.startsWith('[') || inner === 'else' || inner === 'this') return whole
    return `{{${open}${before}${amp}${bracketed(inner)}${after}${close}}}`
  })
}

type Node = hbs.AST.Node & Record<string, unknown>
type Path = hbs.AST.PathExpression

const literalString = (value: string, loc: hbs.AST.SourceLocation): hbs.AST.StringLiteral => ({ type: 'StringLiteral', value, original: value, loc })

/** The card a path reads from, for the sink's "already escaped" check; none inside a changed scope. */
function headOf(p: Node, scoped: boolean): string {
  if (p.type !== 'PathExpression') return ''
  const path = p as unknown as Path
  return scoped || path.data || path.depth > 0 || path.parts.length === 0 ? '' : (path.parts[0] ?? '')
}

/**
 * Checks the tree and rewrites every mustache to `{{__v "head" value}}`. Throws a message for
 * anything that could fail while rendering (unknown helper, wrong arity, partials, decorators).
 */
function rewrite(program: hbs.AST.Program, scoped: boolean): void {
  for (const stmt of program.body as Node[]) {
    switch (stmt.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        break
      case 'MustacheStatement': {
        const m = stmt as unknown as hbs.AST.MustacheStatement
        checkCall(m as unknown as Node, false)
        const call = m.params.length > 0 || m.hash !== undefined
        const value: hbs.AST.Expression = call ? ({ type: 'SubExpression', path: m.path, params: m.params, hash: m.hash, loc: m.loc } as hbs.AST.SubExpression) : m.path
        const head = call ? '' : headOf(m.path as unknown as Node, scoped)
        m.path = { type: 'PathExpression', data: false, depth: 0, parts: ['__v'], original: '__v', loc: m.loc } as Path
        m.params = [literalString(head, m.loc), value]
        m.hash = undefined as unknown as hbs.AST.Hash
        m.escaped = false
        break
      }
      case 'BlockStatement': {
        const b = stmt as unknown as hbs.AST.BlockStatement
        checkCall(stmt, true)
        const name = b.path.type === 'PathExpression' ? (b.path as Path).original : ''
        const changesScope = scoped || (name !== 'if' && name !== 'unless')
        if (b.program) rewrite(b.program, changesScope)
        if (b.inverse) rewrite(b.inverse, scoped)
        break
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        throw new Error('partials ({{> name}}) are not supported')
      default:
        throw new Error(`${String(stmt.type).replace(/Statement$|Block$/, '').toLowerCase()} syntax ({{* …}}) is not supported`)
    }
  }
}

/** A helper call (or a block) must name a known helper with the arguments it needs. */
function checkCall(node: Node, block: boolean): void {
  const path = node.path as Node
  const params = (node.params as Node[] | undefined) ?? []
  const hash = node.hash as { pairs: { value: Node }[] } | undefined
  const name = path.type === 'PathExpression' ? (path as unknown as Path).original : ''
  for (const p of [path, ...params, ...(hash?.pairs.map((x) => x.value) ?? [])]) checkExpression(p)
  const called = params.length > 0 || hash !== undefined || (block && Object.hasOwn(HELPERS, name))
  if (path.type !== 'PathExpression') throw new Error('a literal cannot be called as a helper')
  if (!called) {
    if (block) throw new Error(`{{#${name}}} is not a helper; use {{#if ${name}}} or {{#each ${name}}}`)
    return
  }
  if (!Object.hasOwn(HELPERS, name)) throw new Error(`unknown helper "${name}" (known: ${TEMPLATE_HELPERS.join(', ')})`)
  if (block !== BLOCK_HELPERS.has(name)) throw new Error(block ? `"${name}" is not a block helper: write {{${name} …}}` : `"${name}" needs a block: {{#${name} …}}…{{/${name}}}`)
  const arity = HELPERS[name]
  if (arity && (params.length < arity.min || params.length > arity.max)) {
    const wanted = arity.min === arity.max ? `${arity.min}` : `${arity.min} or ${arity.max}`
    throw new Error(`"${name}" takes ${wanted} argument${wanted === '1' ? '' : 's'}, got ${params.length}`)
  }
}

function checkExpression(e: Node): void {
  if (e.type === 'SubExpression') {
    checkCall(e, false)
    return
  }
  if (e.type !== 'PathExpression') return
  const p = e as unknown as Path
  if (p.data && !DATA_VARIABLES.has(p.parts[0] ?? '')) throw new Error(`unknown data variable "@${p.parts.join('.')}" (known: @index, @key, @first, @last, @root)`)
}

export interface CompiledTemplate {
  render: Renderer
  /** The program after rewriting, for the references it reads. */
  program: hbs.AST.Program
}

/** Parses, checks and compiles a template; throws a one-line message when it cannot always render. */
export function compileTemplate(text: string): CompiledTemplate {
  const program = hb.parse(bracketPaths(text))
  rewrite(program, false)
  const compiled = hb.compile(program, { noEscape: true, strict: false, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true })
  const render: Renderer = (scope, sink) => compiled(scope, { data: { [SINK]: sink } })
  // Compiling is lazy: render once now, so that a template that cannot compile fails the check.
  render({}, TEXT)
  return { render: plainRenderer(text) ?? render, program }
}

/**
 * Most templates are text with plain references and no helpers: those render by concatenation,
 * with exactly Handlebars' result for them, several times faster.
 */
function plainRenderer(text: string): Renderer | undefined {
  if (text.includes('\\')) return undefined
  const literals: string[] = []
  const paths: string[][] = []
  let last = 0
  for (const m of text.matchAll(MUSTACHE)) {
    const inner = (m[2] ?? '').trim()
    if (m[1] !== m[3] || !isPlainPath(inner) || inner.startsWith('@') || inner === 'this' || inner.startsWith('../')) return undefined
    literals.push(text.slice(last, m.index))
    paths.push(splitPath(inner))
    last = m.index + m[0].length
  }
  const tail = text.slice(last)
  if ((literals.join('') + tail).match(/\{\{|\}\}/)) return undefined
  return (scope, sink) => {
    let out = ''
    for (let i = 0; i < paths.length; i++) out += literals[i]! + sink.put(lookup(scope, paths[i]!), paths[i]![0])
    return out + tail
  }
}

/** Own properties only: a path never walks into a prototype (`__proto__`, `constructor`). */
export function lookup(value: unknown, path: readonly string[]): unknown {
  let cur = value
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    if (!Object.hasOwn(cur, seg)) return undefined
    cur = (cur as Record<string, unknown>)[seg]
  }
  return cur
}

/** Paths a template reads from the top-level scope (inside #each/#with the scope changes). */
export function templateRefs(program: hbs.AST.Program, loc: SourceLocation): Reference[] {
  const refs: Reference[] = []
  const visitExpr = (e: Node | undefined) => {
    if (!e) return
    if (e.type === 'SubExpression') return visitCall(e, true)
    if (e.type !== 'PathExpression') return
    const p = e as unknown as Path
    if (p.data || p.depth > 0 || p.parts.length === 0 || p.original === 'this' || p.original.startsWith('this.')) return
    const [card, ...path] = p.parts
    refs.push({ card: card!, path, source: p.parts.join('.'), loc })
  }
  const visitCall = (node: Node, isCall: boolean) => {
    const params = (node.params as Node[] | undefined) ?? []
    const hash = node.hash as { pairs: { value: Node }[] } | undefined
    if (!isCall) visitExpr(node.path as Node)
    for (const p of params) visitExpr(p)
    for (const pair of hash?.pairs ?? []) visitExpr(pair.value)
  }
  const visitProgram = (prog: hbs.AST.Program | undefined, scoped: boolean) => {
    if (!prog || scoped) return
    for (const stmt of prog.body as Node[]) {
      if (stmt.type === 'MustacheStatement') visitCall(stmt, true)
      if (stmt.type === 'BlockStatement') {
        const name = (stmt.path as unknown as Path).original
        visitCall(stmt, Object.hasOwn(HELPERS, name))
        visitProgram(stmt.program as hbs.AST.Program, name !== 'if' && name !== 'unless')
        visitProgram(stmt.inverse as hbs.AST.Program | undefined, false)
      }
    }
  }
  visitProgram(program, false)
  return refs
}
