/** A small recursive-descent evaluator: numbers, + - * / % ^, unary minus and parentheses. No names, no calls. */

type Result = { value: number } | { error: string }

export function evaluate(source: string): Result {
  const tokens = source.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+|[-+*/%^()]|\S/gi) ?? []
  let pos = 0
  const peek = () => tokens[pos]
  const fail = (msg: string): never => {
    throw new SyntaxError(msg)
  }
  const primary = (): number => {
    const t = tokens[pos++]
    if (t === undefined) return fail('unexpected end')
    if (t === '(') {
      const v = sum()
      if (tokens[pos++] !== ')') fail('missing )')
      return v
    }
    if (t === '-') return -power()
    if (t === '+') return power()
    const n = Number(t)
    return Number.isFinite(n) ? n : fail(`unexpected "${t}"`)
  }
  // ^ binds tighter than * and groups to the right: 2^3^2 = 2^9.
  const power = (): number => {
    const base = primary()
    if (peek() !== '^') return base
    pos++
    return base ** power()
  }
  const product = (): number => {
    let v = power()
    for (let op = peek(); op === '*' || op === '/' || op === '%'; op = peek()) {
      pos++
      const r = power()
      v = op === '*' ? v * r : op === '/' ? v / r : v % r
    }
    return v
  }
  const sum = (): number => {
    let v = product()
    for (let op = peek(); op === '+' || op === '-'; op = peek()) {
      pos++
      v = op === '+' ? v + product() : v - product()
    }
    return v
  }
  try {
    const value = sum()
    if (pos < tokens.length) fail(`unexpected "${tokens[pos]}"`)
    if (!Number.isFinite(value)) fail('the result is not a finite number (division by zero?)')
    return { value }
  } catch (err) {
    return { error: (err as Error).message }
  }
}
