/**
 * Okta's loose booleans (exports run with `looseBooleans`): true, and the texts "true" and "yes"
 * in any case, are true; everything else (false, null, "", "no", 0, 1) is false.
 */
export function truthy(v: unknown): boolean {
  return v === true || (typeof v === 'string' && ['true', 'yes'].includes(v.trim().toLowerCase()))
}
