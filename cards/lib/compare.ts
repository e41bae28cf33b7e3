/**
 * Okta's comparisons ("Table of Relational Operators"), shared by If/Else, If/ElseIf, Assign If,
 * Continue If, Return Error If, Compare and the list cards that test items (Find, Filter).
 * They depend on type: numbers compare as numbers (80 > 9), text as text ("80" < "9"). Okta's
 * `equal to` is loose (the number 1 equals the text "1": Okta's exports run with loose strings),
 * and Find offers `equal and the same type` for the strict test.
 */
export const OPERATORS = [
  'equal',
  'not equal',
  'greater than',
  'greater than or equal',
  'less than',
  'less than or equal',
  'a multiple of',
  'in',
  'not in',
  'has key',
  "doesn't have key",
  'is empty',
  'is not empty',
  'equal and the same type',
  'not equal or not the same type',
] as const

export type Operator = (typeof OPERATORS)[number]

export function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true
  if (Array.isArray(v)) return v.length === 0
  if (typeof v === 'object') return Object.keys(v).length === 0
  return false
}

/** A number, or a text that reads exactly as one ("12", "-4.5"); undefined otherwise. */
function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (typeof v !== 'string' || v.trim() === '') return undefined
  const n = Number(v)
  return Number.isFinite(n) ? n : undefined
}

/** Same type and same value; lists and objects by value. */
export function strictEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null) return typeof b === 'object' && b !== null && JSON.stringify(a) === JSON.stringify(b)
  return a === b
}

/** Okta's `equal to`: a number and a text holding that number are equal, as are true and "true". */
export function looseEqual(a: unknown, b: unknown): boolean {
  if (strictEqual(a, b)) return true
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null)
  if (typeof a === 'number' || typeof b === 'number') {
    const [x, y] = [numeric(a), numeric(b)]
    return x !== undefined && x === y
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b)
  return false
}

/** Numbers (or a number against a text holding one) by value; anything else as text. */
export function order(a: unknown, b: unknown): number {
  if (typeof a === 'number' || typeof b === 'number') {
    const [x, y] = [numeric(a), numeric(b)]
    if (x !== undefined && y !== undefined) return x - y
  }
  const sa = typeof a === 'string' ? a : a === null || a === undefined ? '' : typeof a === 'object' ? JSON.stringify(a) : String(a)
  const sb = typeof b === 'string' ? b : b === null || b === undefined ? '' : typeof b === 'object' ? JSON.stringify(b) : String(b)
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

/** `a in b`: b is a list holding a, or a text containing a. */
function contains(container: unknown, item: unknown): boolean {
  if (Array.isArray(container)) return container.some((x) => looseEqual(x, item))
  if (typeof container === 'string') return container.includes(typeof item === 'string' ? item : item === null || item === undefined ? '' : String(item))
  return false
}

/** 12, 0 and -4 are multiples of 4; nothing is a multiple of 0. */
function multipleOf(a: unknown, b: unknown): boolean {
  const [x, y] = [numeric(a), numeric(b)]
  if (x === undefined || y === undefined || y === 0) return false
  return Math.abs(x % y) === 0
}

function hasKey(object: unknown, key: unknown): boolean {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return false
  return Object.hasOwn(object, String(key ?? ''))
}

export function compare(a: unknown, op: Operator, b: unknown): boolean {
  switch (op) {
    case 'equal':
      return looseEqual(a, b)
    case 'not equal':
      return !looseEqual(a, b)
    case 'equal and the same type':
      return strictEqual(a, b)
    case 'not equal or not the same type':
      return !strictEqual(a, b)
    case 'greater than':
      return order(a, b) > 0
    case 'greater than or equal':
      return order(a, b) >= 0
    case 'less than':
      return order(a, b) < 0
    case 'less than or equal':
      return order(a, b) <= 0
    case 'a multiple of':
      return multipleOf(a, b)
    case 'in':
      return contains(b, a)
    case 'not in':
      return !contains(b, a)
    case 'has key':
      return hasKey(a, b)
    case "doesn't have key":
      return !hasKey(a, b)
    case 'is empty':
      return isEmpty(a)
    case 'is not empty':
      return !isEmpty(a)
  }
}
