/**
 * Okta API paths built from values that may come from an event. A value becomes exactly one
 * path segment: it is validated, then percent-encoded, so `..`, `a/b`, `?x=1` or `#` cannot
 * change which user, group or application is read, updated or deleted.
 *
 * Refused outright (an Okta id or login never looks like this): an empty value, `.` and `..`,
 * and anything that reads as a dot segment or a slash once percent-decoded (`%2e%2e`,
 * `%252e%252e`) or once Unicode-normalised (`．．`, `‥`, `／`); control characters; values over
 * MAX_SEGMENT characters. Everything else is kept and encoded (`?` becomes `%3F`).
 */

export class OktaPathError extends Error {
  override readonly name = 'OktaPathError'
}

/** Okta logins are at most 100 characters and ids 20; this leaves room without allowing a flood. */
export const MAX_SEGMENT = 256

/** How deep percent-decoding goes when looking for a hidden dot segment or slash. */
const DECODE_ROUNDS = 3

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/

/** A short, printable form of a hostile value for messages (never the whole flood). */
export function shown(value: string): string {
  const cut = value.length > 40 ? `${value.slice(0, 40)}…` : value
  return JSON.stringify(cut).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** The forms a server might see a value in: as sent, decoded once, twice…, and NFKC-normalised. */
function readings(value: string): string[] {
  const out = new Set<string>()
  let current = value
  for (let i = 0; i <= DECODE_ROUNDS; i++) {
    out.add(current)
    out.add(current.normalize('NFKC'))
    let next: string
    try {
      next = decodeURIComponent(current)
    } catch {
      break
    }
    if (next === current) break
    current = next
  }
  return [...out]
}

/** Why a value cannot be one path segment, or undefined when it can. */
export function segmentProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be text, not ${value === null ? 'null' : typeof value}`
  if (value.trim() === '') return 'is empty'
  if (value.length > MAX_SEGMENT) return `is ${value.length} characters long; at most ${MAX_SEGMENT} are accepted`
  for (const form of readings(value)) {
    if (CONTROL.test(form)) return 'holds a control or invisible formatting character'
    if (form === '.' || form === '..' || form.trim() === '.' || form.trim() === '..') return 'is a dot segment ("." or "..")'
    if (/[/\\]/.test(form)) return 'holds a "/" or "\\"'
  }
  return undefined
}

/** One path segment: validated and percent-encoded. `what` names the input in the error. */
export function segment(value: unknown, what = 'value'): string {
  const problem = segmentProblem(value)
  if (problem) {
    const quoted = typeof value === 'string' ? ` ${shown(value)}` : ''
    throw new OktaPathError(`${what}${quoted} ${problem}; it cannot go into an Okta API path`)
  }
  return encodeURIComponent(value as string)
}

/**
 * `oktaPath('/api/v1/users/', id, '/lifecycle/suspend')`-style builder as a tagged template:
 * ``oktaPath`/api/v1/users/${id}/lifecycle/suspend` ``. Each interpolated value is one segment.
 * Values are named in errors by their position; give names with `named` for clearer messages.
 */
export function oktaPath(strings: TemplateStringsArray, ...values: (string | Named)[]): string {
  let out = strings[0]!
  values.forEach((v, i) => {
    out += typeof v === 'string' ? segment(v) : segment(v.value, v.name)
    out += strings[i + 1]!
  })
  return out
}

export interface Named {
  name: string
  value: unknown
}

/** A value with the input name it came from, for `oktaPath`'s errors: `named('User ID', id)`. */
export function named(name: string, value: unknown): Named {
  return { name: `"${name}"`, value }
}

/**
 * A whole relative URL (Custom API Action's `Relative URL`): it must start with one `/`, hold no
 * control character, backslash or `#`, and no path segment may read as `.` or `..` however it
 * is encoded. The query (after `?`) is left to the caller's encoding.
 */
export function relativeUrlProblem(url: string): string | undefined {
  if (!url.startsWith('/') || url.startsWith('//')) return 'must start with a single "/" (a path under the org URL)'
  if (url.length > 4096) return `is ${url.length} characters long; at most 4096 are accepted`
  if (CONTROL.test(url)) return 'holds a control or invisible formatting character'
  if (url.includes('\\')) return 'holds a "\\"'
  if (url.includes('#')) return 'holds a "#"'
  const path = url.split('?')[0]!
  for (const raw of path.split('/').slice(1)) {
    for (const form of readings(raw)) {
      if (CONTROL.test(form)) return 'holds a control or invisible formatting character'
      if (form.trim() === '.' || form.trim() === '..') return `has a dot segment (${shown(raw)})`
      if (form !== raw && /[/\\]/.test(form)) return `has an encoded "/" or "\\" (${shown(raw)})`
    }
  }
  return undefined
}
