/** Okta's comparisons. They depend on type: numbers compare as numbers (80 > 9), text as text ("80" < "9"). */
export const OPERATORS = [
  'equal',
  'not equal',
  'greater than',
  'greater than or equal',
  'less than',
  'less than or equal',
  'in',
  'not in',
  'is empty',
  'is not empty',
] as const

export type Operator = (typeof OPERATORS)[number]

export function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true
  if (Array.isArray(v)) return v.length === 0
  if (typeof v === 'object') return Object.keys(v).length === 0
  return false
}

function equal(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null) return JSON.stringify(a) === JSON.stringify(b)
  return a === b
}

function order(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const sa = String(a ?? '')
  const sb = String(b ?? '')
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

/** `a in b`: b is a list holding a, or a text containing a. */
function contains(container: unknown, item: unknown): boolean {
  if (Array.isArray(container)) return container.some((x) => equal(x, item))
  if (typeof container === 'string') return container.includes(String(item ?? ''))
  return false
}

export function compare(a: unknown, op: Operator, b: unknown): boolean {
  switch (op) {
    case 'equal':
      return equal(a, b)
    case 'not equal':
      return !equal(a, b)
    case 'greater than':
      return order(a, b) > 0
    case 'greater than or equal':
      return order(a, b) >= 0
    case 'less than':
      return order(a, b) < 0
    case 'less than or equal':
      return order(a, b) <= 0
    case 'in':
      return contains(b, a)
    case 'not in':
      return !contains(b, a)
    case 'is empty':
      return isEmpty(a)
    case 'is not empty':
      return !isEmpty(a)
  }
}
