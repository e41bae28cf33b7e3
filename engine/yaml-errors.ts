/**
 * A YAML syntax error in plain words, at its cause. The parser reports where it gave up ("Nested
 * mappings are not allowed in compact mappings" on the line after a mis-indented key, the end of
 * the file for an unclosed `[`); a flow author needs the line where the `[` opens or the key that
 * is indented wrong. The parser's own wording is kept only when no cause is found.
 */
import type { YAMLError } from 'yaml'

export interface Diagnosis {
  message: string
  /** Offset of the cause in the text. */
  offset: number
}

interface Opener {
  char: string
  offset: number
}

const CLOSERS: Record<string, string> = { '[': ']', '{': '}' }

/** Where a quoted scalar may start: after the start of a line, `- `, `: `, `? `, `[`, `{` or `,`. */
function startsScalar(text: string, i: number): boolean {
  let j = i - 1
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--
  if (j < 0 || text[j] === '\n') return true
  const c = text[j]!
  if (c === '[' || c === '{' || c === ',') return true
  return (c === '-' || c === ':' || c === '?') && j < i - 1
}

/**
 * Walks the text as YAML's punctuation goes: quotes (only where a quoted scalar may start),
 * comments, and flow brackets. Gives the brackets still open and a quote still open at the end.
 */
function scan(text: string): { open: Opener[]; quote: Opener | undefined } {
  const open: Opener[] = []
  let quote: Opener | undefined
  const skip = blockScalarLines(text)
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    // the text of a `|` or `>` block is the author's own: its brackets and quotes mean nothing
    const skipTo = !quote && (i === 0 || text[i - 1] === '\n') ? skip.get(i) : undefined
    if (skipTo !== undefined) {
      i = skipTo - 1
      continue
    }
    if (quote) {
      if (quote.char === '"' && c === '\\') i++
      else if (c === quote.char) {
        if (quote.char === "'" && text[i + 1] === "'") i++
        else quote = undefined
      }
      continue
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++
      continue
    }
    if ((c === '"' || c === "'") && startsScalar(text, i)) quote = { char: c, offset: i }
    else if (c === '[' || c === '{') {
      // a bracket inside a plain scalar (`text: a [b`) opens nothing; only one where a value starts does
      if (startsScalar(text, i) || open.length > 0) open.push({ char: c, offset: i })
    } else if ((c === ']' || c === '}') && open.length > 0 && CLOSERS[open.at(-1)!.char] === c) open.pop()
  }
  return { open, quote }
}

/** Block scalar (`key: |`, `- >-`) content: line start offset → offset after its last line. */
function blockScalarLines(text: string): Map<number, number> {
  const out = new Map<number, number>()
  const lines = text.split('\n')
  const starts = lineStarts(text)
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.replace(/\r$/, '')
    if (!/(^|[:-]\s+|^\s*-\s*)[|>][-+0-9]*\s*(#.*)?$/.test(line) || /^\s*#/.test(line)) continue
    const indent = line.length - line.trimStart().length
    let end = n + 1
    while (end < lines.length && (lines[end]!.trim() === '' || lines[end]!.length - lines[end]!.trimStart().length > indent)) end++
    if (end > n + 1) out.set(starts[n + 1]!, starts[end] ?? text.length)
    n = end - 1
  }
  return out
}

/** Start offsets of each line. */
function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1)
  return starts
}

const KEY_LINE = /^( *)(- +)?([^\s#'"[{][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(.*))?$/

interface Level {
  indent: number
  key: string
  /** The key holds its value on its own line (`key: value`): nothing may nest under it. */
  hasValue: boolean
  /** A sequence level (`- `): only `- ` items line up with it. */
  seq: boolean
}

/**
 * A key that lines up with no map it could belong to: deeper than a `key: value` line before it,
 * or between two levels. The parser then reads an odd key or an item without `-`; the author
 * needs the line and the key that is out of line.
 */
function misindentedKey(text: string, limitLine: number): Diagnosis | undefined {
  const starts = lineStarts(text)
  const lines = text.split('\n')
  const blocks = [...blockScalarLines(text)]
  const inBlock = (n: number) => blocks.some(([from, to]) => starts[n]! >= from && starts[n]! < to)
  const stack: Level[] = []
  for (let n = 0; n < lines.length && n <= limitLine + 1; n++) {
    const line = lines[n]!.replace(/\r$/, '')
    if (line.trim() === '' || line.trimStart().startsWith('#') || inBlock(n)) continue
    const m = KEY_LINE.exec(line)
    const indent = line.length - line.trimStart().length
    if (!m) {
      // a list item or a value line: levels deeper than it are closed
      while (stack.length > 0 && stack.at(-1)!.indent > indent) stack.pop()
      if (line.trimStart().startsWith('- ') && stack.at(-1)?.indent !== indent) stack.push({ indent, key: '-', hasValue: false, seq: true })
      continue
    }
    const key = m[3]!.trim()
    const value = (m[4] ?? '').trim()
    const dash = m[2]?.length ?? 0
    const keyIndent = indent + dash
    let closed: Level | undefined
    while (stack.length > 0 && stack.at(-1)!.indent > indent) closed = stack.pop()
    const parent = stack.at(-1)
    const sibling = parent?.indent === indent
    const child = parent !== undefined && parent.indent < indent && !parent.hasValue && !parent.seq && closed === undefined
    if (!dash && parent !== undefined && !sibling && !child) {
      const where = starts[n]! + indent
      if (closed) return { message: `the key "${key}" is not lined up with "${closed.key}" above it (${indent} spaces where "${closed.key}" has ${closed.indent})`, offset: where }
      if (parent.hasValue) return { message: `the key "${key}" is indented more than "${parent.key}" above it (${indent} spaces, ${parent.indent} expected): line it up with the keys of its map`, offset: where }
    }
    if (dash) {
      if (stack.at(-1)?.indent !== indent) stack.push({ indent, key: '-', hasValue: false, seq: true })
    } else if (stack.at(-1)?.indent === indent) stack.pop()
    stack.push({ indent: keyIndent, key, hasValue: value !== '' && !/^[|>]/.test(value) && !value.startsWith('&') && !value.startsWith('#'), seq: false })
  }
  return undefined
}

/** A line inside a map that is not `key: value` (`card text.compose`): its colon is missing. */
function missingColon(text: string, line: number): Diagnosis | undefined {
  const starts = lineStarts(text)
  const content = text.split('\n')[line]?.replace(/\r$/, '')
  if (content === undefined || KEY_LINE.test(content)) return undefined
  const m = /^(\s*(?:- +)?)([A-Za-z_][\w -]*?)\s+\S/.exec(content)
  if (!m) return undefined
  return { message: `expected "key: value" here: is a ":" missing after "${m[2]}"?`, offset: starts[line]! + m[1]!.length }
}

/** A plain value holding `: ` (`text: Hello: world`) reads as a second key on one line. */
function colonInValue(text: string, line: number): Diagnosis | undefined {
  const starts = lineStarts(text)
  const content = text.split('\n')[line]
  if (content === undefined) return undefined
  const m = /^(\s*(?:- +)?[^\s#'"[{][^:#]*?:\s+)([^'"[{|>].*?:(?:\s|$).*)$/.exec(content)
  if (!m) return undefined
  const value = m[2]!
  const colon = value.search(/:(\s|$)/)
  return {
    message: `the value holds ": " (after "${value.slice(0, colon).trim()}"): put the whole value in quotes, e.g. "${value.trim().replaceAll('"', '\\"')}"`,
    offset: starts[line]! + m[1]!.length,
  }
}

function lineOf(text: string, offset: number): number {
  let line = 0
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++
  return line
}

/** The cause of the parser's first error, in plain words; undefined leaves the parser's message. */
export function diagnoseYaml(text: string, error: YAMLError): Diagnosis | undefined {
  const pos = error.pos[0]
  switch (error.code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const { open, quote } = scan(text)
      if (quote && quote.offset <= pos) return { message: `the ${quote.char === '"' ? 'double' : 'single'} quote that starts here is never closed`, offset: quote.offset }
      const unclosed = open.filter((o) => o.offset <= pos).at(0)
      if (unclosed) return { message: `the "${unclosed.char}" that starts here is never closed (a "${CLOSERS[unclosed.char]}" is missing)`, offset: unclosed.offset }
      const line = lineOf(text, pos)
      return misindentedKey(text, line) ?? colonInValue(text, line) ?? missingColon(text, line)
    }
    case 'TAB_AS_INDENT':
      return { message: 'a tab is used to indent this line: YAML indents with spaces only', offset: pos }
    case 'DUPLICATE_KEY': {
      const key = /^(?:- +)?([^:\n]+?)\s*:/.exec(text.slice(pos))?.[1]
      return { message: `the key ${key ? `"${key}" ` : ''}is given twice in the same map: keep one`, offset: pos }
    }
    default:
      return undefined
  }
}
