/** Bounds on JSON that comes from outside (hook bodies, API bodies, test inputs). */

/** Okta's events nest a few levels; far deeper is hostile, and storing it would overflow the stack. */
export const MAX_DEPTH = 64

/**
 * Walks without recursion, so the check itself cannot overflow. Only objects and arrays are
 * stacked (with their depth beside them): every hook body goes through here.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const values: object[] = []
  const depths: number[] = []
  const push = (v: unknown, depth: number) => {
    if (typeof v !== 'object' || v === null) return
    values.push(v)
    depths.push(depth)
  }
  push(value, 0)
  while (values.length > 0) {
    const v = values.pop()!
    const depth = depths.pop()!
    if (depth >= max) return true
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) push(v[i], depth + 1)
      continue
    }
    for (const k in v) if (Object.hasOwn(v, k)) push((v as Record<string, unknown>)[k], depth + 1)
  }
  return false
}
