/**
 * Okta's object paths (Get, Set, Unset, Sort, Group By …): a top-level key, a dot path
 * (`customer.id`, `items.5`: a number indexes a list, from 0), or a list of text whose items are
 * literal keys (dots and numbers in them are part of the key). Cards never change the object they
 * are given: they build a new one. Keys are set as own data properties, so a `__proto__` key from
 * an event is a key like any other and never a prototype.
 */
import { CardFailedError } from '../../engine/errors.ts'

export type PathInput = string | readonly string[]

/** The segments of a path; a list path is taken literally. */
export function segmentsOf(path: PathInput, cardId?: string): { keys: string[]; literal: boolean } {
  const keys = typeof path === 'string' ? path.split('.') : [...path]
  if (keys.length === 0 || keys.some((k) => k === '')) throw new CardFailedError(`path ${JSON.stringify(path)} has an empty key`, cardId)
  return { keys, literal: typeof path !== 'string' }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

const INDEX = /^(0|[1-9]\d*)$/

/** A key of a list: a whole number written plainly, in a dot path only. */
function indexOf(list: unknown, key: string, literal: boolean): number | undefined {
  return Array.isArray(list) && !literal && INDEX.test(key) ? Number(key) : undefined
}

/** Sets `key` as an own data property, whatever its name. */
export function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Own properties only; null where missing. */
export function readSegments(root: unknown, keys: readonly string[], literal: boolean): unknown {
  let cur = root
  for (const key of keys) {
    const i = indexOf(cur, key, literal)
    if (i !== undefined) cur = (cur as unknown[])[i]
    else if (isRecord(cur) && Object.hasOwn(cur, key)) cur = cur[key]
    else return null
    if (cur === undefined) return null
  }
  return cur ?? null
}

/** A copy of `root` with `value` at the path; missing objects on the way are created. */
export function setSegments(root: unknown, keys: readonly string[], value: unknown, literal: boolean): unknown {
  const [key, ...rest] = keys as [string, ...string[]]
  const i = indexOf(root, key, literal)
  if (i !== undefined) {
    const list = [...(root as unknown[])]
    while (list.length < i) list.push(null)
    list[i] = rest.length === 0 ? value : setSegments(list[i], rest, value, literal)
    return list
  }
  const copy: Record<string, unknown> = {}
  if (isRecord(root)) for (const [k, v] of Object.entries(root)) put(copy, k, v)
  put(copy, key, rest.length === 0 ? value : setSegments(Object.hasOwn(copy, key) ? copy[key] : undefined, rest, value, literal))
  return copy
}

/** A copy of `root` without the path's key; a list item is taken out (the list shrinks). Missing: unchanged. */
export function unsetSegments(root: unknown, keys: readonly string[], literal: boolean): unknown {
  const [key, ...rest] = keys as [string, ...string[]]
  const i = indexOf(root, key, literal)
  if (i !== undefined) {
    const list = root as unknown[]
    if (i >= list.length) return root
    if (rest.length === 0) return [...list.slice(0, i), ...list.slice(i + 1)]
    const copy = [...list]
    copy[i] = unsetSegments(list[i], rest, literal)
    return copy
  }
  if (!isRecord(root) || !Object.hasOwn(root, key)) return root
  const copy: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(root)) {
    if (k !== key) put(copy, k, v)
    else if (rest.length > 0) put(copy, k, unsetSegments(v, rest, literal))
  }
  return copy
}

/** The object a card works on: null and a missing object read as `{}`; anything else that is not an object fails the card. */
export function objectOf(value: unknown, input: string, cardId?: string): Record<string, unknown> {
  if (value === null || value === undefined) return {}
  if (!isRecord(value)) throw new CardFailedError(`${input} must be an object, not ${Array.isArray(value) ? 'a list' : typeof value}`, cardId)
  return value
}
