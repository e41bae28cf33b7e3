/**
 * The Formula card's language, as Okta's Formula page lists it: numbers, + - * / % ^, ! (factorial),
 * parentheses, `#` comments, the constant `pi` and a closed set of math functions. A small
 * recursive-descent evaluator over that grammar: nothing else is a name, nothing is looked up.
 */
import { roundTo } from './round.ts'

type Result = { value: number } | { error: string }

/** 170! is the largest factorial a number holds; 171! is past 1.8e308. */
export const MAX_FACTORIAL = 170
const MAX_ARGS = 1000

class FormulaError extends Error {}

const fail = (msg: string): never => {
  throw new FormulaError(msg)
}

/** n! for a whole n from 0 to 170; undefined for any other n. */
export function factorial(n: number): number | undefined {
  if (!Number.isInteger(n) || n < 0 || n > MAX_FACTORIAL) return undefined
  let out = 1
  for (let i = 2; i <= n; i++) out *= i
  return out
}

const factorialOf = (n: number): number => factorial(n) ?? fail(`${n}! needs a whole number from 0 to ${MAX_FACTORIAL}`)

type Fn = { min: number; max: number; apply: (args: number[]) => number }
const one = (f: (x: number) => number): Fn => ({ min: 1, max: 1, apply: ([x]) => f(x!) })

/** The functions Okta's Formula page names, with their arity. */
const FUNCTIONS: Record<string, Fn> = {
  abs: one(Math.abs),
  ceil: one(Math.ceil),
  floor: one(Math.floor),
  round: { min: 1, max: 2, apply: ([x, places]) => (places === undefined ? Math.round(x!) : roundTo(x!, wholeIn(places, 0, 15, 'round'))) },
  min: { min: 1, max: MAX_ARGS, apply: (xs) => Math.min(...xs) },
  max: { min: 1, max: MAX_ARGS, apply: (xs) => Math.max(...xs) },
  random: { min: 0, max: 1, apply: ([top]) => Math.random() * (top ?? 1) },
  exp: one(Math.exp),
  log: { min: 1, max: 2, apply: ([x, base]) => (base === undefined ? Math.log(x!) : Math.log(x!) / Math.log(base)) },
  log10: one(Math.log10),
  pow: { min: 2, max: 2, apply: ([x, y]) => x! ** y! },
  sqrt: one(Math.sqrt),
  sin: one(Math.sin),
  cos: one(Math.cos),
  tan: one(Math.tan),
  asin: one(Math.asin),
  acos: one(Math.acos),
  atan: one(Math.atan),
  sinh: one(Math.sinh),
  cosh: one(Math.cosh),
  tanh: one(Math.tanh),
}

const CONSTANTS: Record<string, number> = { pi: Math.PI }

function wholeIn(n: number, lo: number, hi: number, what: string): number {
  if (!Number.isInteger(n) || n < lo || n > hi) fail(`${what}: ${n} is not a whole number from ${lo} to ${hi}`)
  return n
}

export function evaluate(source: string): Result {
  const code = source.replace(/#[^\n]*/g, '')
  const tokens = code.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*/%^()!,]|\S/gi) ?? []
  let pos = 0
  const peek = () => tokens[pos]
  const expect = (t: string) => {
    if (tokens[pos++] !== t) fail(`missing ${t}`)
  }
  const call = (name: string): number => {
    const key = name.toLowerCase()
    const fn = Object.hasOwn(FUNCTIONS, key) ? FUNCTIONS[key]! : fail(`unknown function "${name}"`)
    expect('(')
    const args: number[] = []
    if (peek() !== ')') {
      args.push(sum())
      while (peek() === ',') {
        pos++
        args.push(sum())
      }
    }
    expect(')')
    if (args.length < fn.min || args.length > fn.max) fail(`${name} takes ${fn.min === fn.max ? fn.min : `${fn.min} to ${fn.max}`} argument(s), not ${args.length}`)
    return fn.apply(args)
  }
  const primary = (): number => {
    const t = tokens[pos++]
    if (t === undefined) return fail('unexpected end')
    if (t === '(') {
      const v = sum()
      expect(')')
      return v
    }
    if (t === '-') return -power()
    if (t === '+') return power()
    if (/^[A-Za-z_]/.test(t)) {
      const name = t.toLowerCase()
      if (Object.hasOwn(CONSTANTS, name) && peek() !== '(') return CONSTANTS[name]!
      if (peek() !== '(') fail(`unknown name "${t}"`)
      return call(t)
    }
    const n = Number(t)
    return Number.isFinite(n) ? n : fail(`unexpected "${t}"`)
  }
  const postfix = (): number => {
    let v = primary()
    while (peek() === '!') {
      pos++
      v = factorialOf(v)
    }
    return v
  }
  // ^ binds tighter than * and groups to the right: 2^3^2 = 2^9; -2^2 = -(2^2).
  const power = (): number => {
    const base = postfix()
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
    if (tokens.length === 0) fail('the formula is empty')
    const value = sum()
    if (pos < tokens.length) fail(`unexpected "${tokens[pos]}"`)
    if (!Number.isFinite(value)) fail('the result is not a finite number (division by zero?)')
    return { value: value === 0 ? 0 : value }
  } catch (err) {
    if (err instanceof FormulaError) return { error: err.message }
    throw err
  }
}
