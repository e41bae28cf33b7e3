/** Bounds on JSON that comes from outside (hook bodies, API bodies, test inputs). */

/** Okta's events nest a few levels; far deeper is hostile, and storing it would overflow the stack. */
export const MAX_DEPTH = 64

/** The for-in form V8 compiles to a check against the loop's key cache (see engine/redact.ts). */
const ownKey = Object.prototype.hasOwnProperty

/**
 * Walks without recursion, so the check itself cannot overflow. Only objects and arrays are
 * stacked (with their depth beside them): every hook body goes through here.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const values: object[] = []
  const depths: number[] = []
  stack(values, depths, value, 0)
  while (values.length > 0) {
    const v = values.pop()!
    const depth = depths.pop()!
    if (depth >= max) return true
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack(values, depths, v[i], depth + 1)
      continue
    }
    for (const k in v) if (ownKey.call(v, k)) stack(values, depths, (v as Record<string, unknown>)[k], depth + 1)
  }
  return false
}

/** Objects and arrays go on the stack; a module function, not a closure made per body. */
function stack(values: object[], depths: number[], v: unknown, depth: number): void {
  if (typeof v !== 'object' || v === null) return
  values.push(v)
  depths.push(depth)
}
