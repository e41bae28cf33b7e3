/**
 * The part of Okta's filter and search language the fake Okta understands: `attr eq "value"`
 * (and `sw`), joined with `and`, in brackets or not, with Okta's quoting (`\"` and `\\` inside a
 * literal). An expression it cannot read is Okta's 400 E0000031, so a card that builds a
 * broken expression (or lets a value escape its quotes) fails the test.
 */

export type Predicate = (item: Record<string, unknown>) => boolean

export class QueryError extends Error {}

interface Token {
  kind: 'word' | 'string' | '(' | ')'
  text: string
}

function tokens(expr: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < expr.length) {
    const c = expr[i]!
    if (c === ' ') {
      i++
    } else if (c === '(' || c === ')') {
      out.push({ kind: c, text: c })
      i++
    } else if (c === '"') {
      let text = ''
      i++
      for (;;) {
        if (i >= expr.length) throw new QueryError('unterminated string')
        const d = expr[i]!
        if (d === '\\') {
          text += expr[i + 1] ?? ''
          i += 2
        } else if (d === '"') {
          i++
          break
        } else {
          text += d
          i++
        }
      }
      out.push({ kind: 'string', text })
    } else {
      const m = /^[^\s()"]+/.exec(expr.slice(i))!
      out.push({ kind: 'word', text: m[0] })
      i += m[0].length
    }
  }
  return out
}

/** A dotted attribute of an Okta object: `status`, `profile.login`, `user.id`. */
export function attribute(item: Record<string, unknown>, path: string): unknown {
  let v: unknown = item
  for (const part of path.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[part] : undefined
  return v
}

/** Parses `a eq "x" and (b sw "y")`; `or` is refused as the cards never send it. */
export function parseQuery(expr: string): Predicate {
  const list = tokens(expr)
  let pos = 0
  const term = (): Predicate => {
    const t = list[pos++]
    if (!t) throw new QueryError('expression ends early')
    if (t.kind === '(') {
      const inner = conj()
      if (list[pos++]?.kind !== ')') throw new QueryError('missing )')
      return inner
    }
    const op = list[pos++]
    const value = list[pos++]
    if (t.kind !== 'word' || op?.kind !== 'word' || value?.kind !== 'string') throw new QueryError(`cannot read "${t.text} ${op?.text ?? ''} ${value?.text ?? ''}"`)
    const name = t.text
    switch (op.text.toLowerCase()) {
      case 'eq':
        return (item) => String(attribute(item, name) ?? '') === value.text
      case 'sw':
        return (item) => String(attribute(item, name) ?? '').toLowerCase().startsWith(value.text.toLowerCase())
      default:
        throw new QueryError(`unknown operator ${op.text}`)
    }
  }
  const conj = (): Predicate => {
    const parts = [term()]
    while (list[pos]?.kind === 'word' && list[pos]!.text.toLowerCase() === 'and') {
      pos++
      parts.push(term())
    }
    return (item) => parts.every((p) => p(item))
  }
  const predicate = conj()
  if (pos !== list.length) throw new QueryError(`unexpected "${list[pos]!.text}"`)
  return predicate
}
