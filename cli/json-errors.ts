/**
 * A JSON syntax error in words a person reads: what was found and where, not the parser's code
 * ("unexpected character `x` at 1:7", "the JSON ends before its closing `}` at 1:43").
 */
import { createScanner, type ParseError, printParseErrorCode } from 'jsonc-parser'

/** jsonc-parser's token kinds (a const enum its typings do not let us import). */
const TOKEN = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, eof: 17 } as const

/** Line and column (1-based) of a character offset. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, col: offset - before.lastIndexOf('\n') }
}

const at = (text: string, offset: number) => {
  const { line, col } = lineCol(text, offset)
  return `${line}:${col}`
}

/** The character (or end of input) at an offset, quoted for a message. */
function found(text: string, offset: number): string {
  const c = text[offset]
  if (c === undefined) return 'the end of the input'
  if (c === '\n' || c === '\r') return 'a line break'
  if (c === '\t') return 'a tab'
  const cp = text.codePointAt(offset)!
  if (cp < 0x20) return `a control character (U+${cp.toString(16).padStart(4, '0').toUpperCase()})`
  return /\s/.test(c) ? 'a space' : `\`${String.fromCodePoint(cp)}\``
}

/** The `{` or `[` still open where the text ends, for "ends before its closing" messages. */
function unclosedOpener(text: string): number | undefined {
  const scanner = createScanner(text, false)
  const open: number[] = []
  for (let kind: number = scanner.scan(); kind !== TOKEN.eof; kind = scanner.scan()) {
    if (kind === TOKEN.openBrace || kind === TOKEN.openBracket) open.push(scanner.getTokenOffset())
    if (kind === TOKEN.closeBrace || kind === TOKEN.closeBracket) open.pop()
  }
  return open.at(-1)
}

export function describeJsonError(text: string, error: ParseError): string {
  const where = at(text, error.offset)
  const atEnd = error.offset >= text.trimEnd().length
  switch (printParseErrorCode(error.error)) {
    case 'InvalidSymbol':
      return `unexpected character ${found(text, error.offset)} at ${where}`
    case 'CloseBraceExpected':
    case 'CloseBracketExpected': {
      const close = printParseErrorCode(error.error) === 'CloseBraceExpected' ? '}' : ']'
      const opener = unclosedOpener(text)
      const opened = opener === undefined ? '' : ` (the \`${close === '}' ? '{' : '['}\` at ${at(text, opener)})`
      return atEnd ? `the JSON ends before its closing \`${close}\` at ${where}${opened}` : `expected \`,\` or \`${close}\` at ${where}, found ${found(text, error.offset)}`
    }
    case 'ValueExpected':
      return atEnd ? `the JSON ends where a value is expected, at ${where}` : `expected a value at ${where}, found ${found(text, error.offset)}`
    case 'ColonExpected':
      return `expected \`:\` after the key at ${where}, found ${found(text, error.offset)}`
    case 'CommaExpected':
      return `expected \`,\` between items at ${where}, found ${found(text, error.offset)}`
    case 'PropertyNameExpected':
      return text[error.offset] === '}'
        ? `a comma before \`}\` at ${where}: JSON allows no trailing comma`
        : `expected a key in double quotes at ${where}, found ${found(text, error.offset)}`
    case 'EndOfFileExpected':
      return `unexpected text after the JSON value at ${where}`
    case 'InvalidCommentToken':
      return `comments are not allowed in JSON, at ${where}`
    case 'UnexpectedEndOfString':
      return `the string that starts at ${where} is not closed (a \`"\` is missing)`
    case 'UnexpectedEndOfComment':
      return `the comment that starts at ${where} is not closed`
    case 'UnexpectedEndOfNumber':
    case 'InvalidNumberFormat':
      return `a number is not written right at ${where}`
    case 'InvalidEscapeCharacter':
      return `a \`\\\` escape in a string is not one JSON knows, at ${where}`
    case 'InvalidUnicode':
      return `a \`\\u\` escape needs four hex digits, at ${where}`
    case 'InvalidCharacter': {
      // the error points at the string; the offending character is the first control character in it
      let i = error.offset
      while (i < error.offset + error.length && (text.codePointAt(i) ?? 0x20) >= 0x20) i++
      return `${found(text, i)} is not allowed inside a string, at ${at(text, i)} (write it escaped, e.g. \\t)`
    }
    default:
      return `the JSON is not valid at ${where}`
  }
}
