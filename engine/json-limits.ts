/** Bounds on JSON that comes from outside (hook bodies, API bodies, test inputs). */

/** Okta's events nest a few levels; far deeper is hostile, and storing it would overflow the stack. */
export const MAX_DEPTH = 64

/** Walks without recursion, so the check itself cannot overflow. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]]
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [v, depth] = item
    if (typeof v !== 'object' || v === null) continue
    if (depth >= max) return true
    for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
  return false
}
