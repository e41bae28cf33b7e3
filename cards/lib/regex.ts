/**
 * Patterns from flows (Find Pattern, Replace Pattern, Split or Match by pattern, `/…/` in flow
 * test files) run on RE2 (re2js): time linear in the text, whatever the pattern and the text,
 * so no event value can hold the event loop. Patterns are written as in JavaScript; what RE2
 * cannot run in linear time (lookahead, backreferences) is refused with a clear error. See
 * docs/reliability.md for the syntax that is not supported.
 *
 * `linearRegExp` returns a RegExp subclass whose every way of matching (exec, test, replace,
 * split, match, matchAll, search) goes through RE2, so cards use it as they would a RegExp.
 */
import { RE2JS } from 're2js'
import { CardFailedError } from '../../engine/errors.ts'

export const MAX_PATTERN = 1000

/** JavaScript syntax RE2 does not run, found before translation silently changes its meaning. */
const UNSUPPORTED: [RegExp, string][] = [
  [/(^|[^\\])(\\\\)*\(\?[=!]/, 'lookahead ((?=…), (?!…)) is not supported'],
  [/(^|[^\\])(\\\\)*\\k</, 'backreferences (\\k<name>) are not supported'],
  [/(^|[^\\])(\\\\)*\\[1-9]/, 'backreferences (\\1…\\9) are not supported'],
]

function re2Flags(flags: string): number {
  let out = RE2JS.LOOKBEHINDS
  if (flags.includes('i')) out |= RE2JS.CASE_INSENSITIVE
  if (flags.includes('m')) out |= RE2JS.MULTILINE
  if (flags.includes('s')) out |= RE2JS.DOTALL
  return out
}

/** Compiles for RE2; throws an Error whose message says what is wrong with the pattern. */
function compileRe2(pattern: string, flags: string): RE2JS {
  for (const [syntax, message] of UNSUPPORTED) if (syntax.test(pattern)) throw new Error(message)
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern), re2Flags(flags))
  } catch (err) {
    throw new Error((err as Error).message.replace(/^error parsing regexp: /, ''))
  }
}

type Groups = Record<string, string | undefined>

export class LinearRegExp extends RegExp {
  readonly #re2: RE2JS
  readonly #names: [string, number][]

  constructor(pattern: string | RegExp, flags?: string) {
    const source = typeof pattern === 'string' ? pattern : pattern.source
    const f = flags ?? (typeof pattern === 'string' ? '' : pattern.flags)
    // The base RegExp checks JavaScript's syntax and holds source and flags; it never matches.
    super(source, f)
    this.#re2 = compileRe2(source, f)
    this.#names = Object.entries(this.#re2.namedGroups())
  }

  static override get [Symbol.species](): RegExpConstructor {
    return LinearRegExp as unknown as RegExpConstructor
  }

  /** The match a matcher holds, shaped as RegExp's exec gives it. */
  #result(m: ReturnType<RE2JS['matcher']>, input: string): RegExpExecArray {
    const out = [m.group(0) ?? ''] as unknown as RegExpExecArray
    for (let i = 1; i <= m.groupCount(); i++) out.push(m.group(i) ?? (undefined as unknown as string))
    out.index = m.start()
    out.input = input
    let groups: Groups | undefined
    if (this.#names.length > 0) {
      groups = Object.create(null) as Groups
      for (const [name, i] of this.#names) groups[name] = out[i]
    }
    out.groups = groups as RegExpExecArray['groups']
    return out
  }

  override exec(input: string): RegExpExecArray | null {
    const str = String(input)
    const moves = this.global || this.sticky
    const from = moves ? this.lastIndex : 0
    const m = this.#re2.matcher(str)
    if (from > str.length || !m.find(from) || (this.sticky && m.start() !== from)) {
      if (moves) this.lastIndex = 0
      return null
    }
    if (moves) this.lastIndex = m.end()
    return this.#result(m, str)
  }

  override [Symbol.replace](input: string, replacement: string | ((substring: string, ...args: unknown[]) => string)): string {
    if (this.sticky) return super[Symbol.replace](input, replacement as string)
    const str = String(input)
    const m = this.#re2.matcher(str)
    if (this.global) this.lastIndex = 0
    const expand = typeof replacement === 'function' ? undefined : substitution(String(replacement), this.#names)
    const out: string[] = []
    let last = 0
    while (m.find()) {
      const match = this.#result(m, str)
      out.push(str.slice(last, match.index))
      if (expand) out.push(expand(match, str))
      else {
        const args: unknown[] = [...match, match.index, str]
        if (match.groups) args.push(match.groups)
        out.push(String((replacement as (...a: unknown[]) => unknown)(...args)))
      }
      last = match.index + match[0].length
      if (!this.global) break
    }
    out.push(str.slice(last))
    return out.join('')
  }

  override [Symbol.match](input: string): RegExpMatchArray | null {
    if (!this.global) return this.exec(input)
    const str = String(input)
    const found: string[] = []
    const m = this.#re2.matcher(str)
    while (m.find()) found.push(m.group(0) ?? '')
    this.lastIndex = 0
    return found.length > 0 ? (found as RegExpMatchArray) : null
  }

  override *[Symbol.matchAll](input: string): RegExpStringIterator<RegExpExecArray> {
    const str = String(input)
    const m = this.#re2.matcher(str)
    let next = this.global ? this.lastIndex : 0
    while (next <= str.length && m.find(next)) {
      yield this.#result(m, str)
      if (!this.global) return
      next = m.end() === m.start() ? m.end() + 1 : m.end()
    }
  }

  override [Symbol.search](input: string): number {
    const m = this.#re2.matcher(String(input))
    return m.find(0) ? m.start() : -1
  }

  /** String.prototype.split's rules (captures kept, empty matches skipped), in one pass. */
  override [Symbol.split](input: string, limit?: number): string[] {
    const str = String(input)
    const max = limit === undefined ? 2 ** 32 - 1 : limit >>> 0
    if (max === 0) return []
    const m = this.#re2.matcher(str)
    if (str.length === 0) return m.find(0) ? [] : [str]
    const out: string[] = []
    let p = 0
    let q = 0
    while (q < str.length && m.find(q)) {
      const s = m.start()
      const e = m.end()
      if (s >= str.length) break
      if (e === p) {
        q = s + 1
        continue
      }
      out.push(str.slice(p, s))
      if (out.length === max) return out
      for (let i = 1; i <= m.groupCount(); i++) {
        out.push(m.group(i) ?? (undefined as unknown as string))
        if (out.length === max) return out
      }
      p = e
      q = e === s ? e + 1 : e
    }
    out.push(str.slice(p))
    return out
  }
}

/**
 * String.prototype.replace's `$` forms (`$$`, `$&`, `` $` ``, `$'`, `$1`…`$99`, `$<name>`),
 * read once per replace rather than once per match.
 */
function substitution(template: string, names: [string, number][]): (m: RegExpExecArray, str: string) => string {
  if (!template.includes('$')) return () => template
  const pieces: ((m: RegExpExecArray, str: string) => string)[] = []
  const groups = (m: RegExpExecArray) => m.length - 1
  for (let i = 0; i < template.length; ) {
    const next = template.indexOf('$', i)
    if (next < 0 || next === template.length - 1) {
      const rest = template.slice(i)
      pieces.push(() => rest)
      break
    }
    if (next > i) {
      const text = template.slice(i, next)
      pieces.push(() => text)
    }
    const c = template[next + 1]!
    if (c === '$') pieces.push(() => '$')
    else if (c === '&') pieces.push((m) => m[0])
    else if (c === '`') pieces.push((m, str) => str.slice(0, m.index))
    else if (c === "'") pieces.push((m, str) => str.slice(m.index + m[0].length))
    else if (c === '<' && names.length > 0 && template.indexOf('>', next) > 0) {
      const name = template.slice(next + 2, template.indexOf('>', next))
      pieces.push((m) => m.groups?.[name] ?? '')
      i = template.indexOf('>', next) + 1
      continue
    } else if (c >= '0' && c <= '9') {
      const two = template.slice(next + 1, next + 3)
      const wanted = /^\d\d$/.test(two) ? Number(two) : Number.NaN
      const one = Number(c)
      pieces.push((m) => {
        if (wanted >= 1 && wanted <= groups(m)) return m[wanted] ?? ''
        if (one >= 1 && one <= groups(m)) return (m[one] ?? '') + (/^\d\d$/.test(two) ? two[1]! : '')
        return `$${/^\d\d$/.test(two) ? two : c}`
      })
      i = next + 1 + (/^\d\d$/.test(two) ? 2 : 1)
      continue
    } else pieces.push(() => `$${c}`)
    i = next + 2
  }
  return (m, str) => {
    let out = ''
    for (const piece of pieces) out += piece(m, str)
    return out
  }
}

/** A pattern from a flow, run in linear time; an Error names what is wrong with a bad one. */
export function linearRegExp(pattern: string, flags = ''): LinearRegExp {
  if (pattern.length > MAX_PATTERN) throw new Error(`pattern longer than ${MAX_PATTERN} characters`)
  return new LinearRegExp(pattern, flags)
}

/** For cards: a bad pattern is a clear card error. */
export function regexOf(pattern: string, flags: string, cardId: string): RegExp {
  try {
    return linearRegExp(pattern, flags)
  } catch (err) {
    throw new CardFailedError(`bad pattern /${pattern.slice(0, 200)}/: ${(err as Error).message}`, cardId)
  }
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
