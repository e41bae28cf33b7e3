/** Secrets never reach history or logs: redacted by key name and by value. */
import type { RunRecord } from './history.ts'

export const REDACTED = '[REDACTED]'
export const SECRET_KEY = /token|secret|password|passwd|authorization|api[-_ ]?key|cookie|refresh/i

/** Short values would redact ordinary words; real secrets are long. */
const MIN_SECRET_LENGTH = 6

/**
 * The forms a secret takes in text besides itself: URL-encoded (either hex case, `+` for
 * spaces), hex, and base64 and base64url, also where the secret sits inside a longer encoded
 * text (a `Basic` header encodes `user:password`): for each of the three alignments, the
 * characters that only the secret's own bytes decide.
 */
export function encodedForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return []
  const bytes = Buffer.from(secret, 'utf8')
  const url = encodeURIComponent(secret)
  const forms = [url, url.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()), new URLSearchParams({ s: secret }).toString().slice(2), bytes.toString('hex'), bytes.toString('hex').toUpperCase()]
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64')
    const core = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6))
    forms.push(core, core.replaceAll('+', '-').replaceAll('/', '_'))
  }
  return forms.filter((f) => f !== secret && f.length >= MIN_SECRET_LENGTH)
}

/** The secret values worth looking for, raw and encoded, each once, longest first (a secret holding another goes whole). */
export function secretValues(secrets: readonly string[]): string[] {
  const key = secrets.join('\u0000')
  const known = valuesOf.get(key)
  if (known) return known
  const raw = secrets.filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
  const values = [...new Set([...raw, ...raw.flatMap(encodedForms)])].sort((a, b) => b.length - a.length)
  if (valuesOf.size >= KEPT_SECRET_SETS) valuesOf.clear()
  valuesOf.set(key, values)
  return values
}

/**
 * The same few sets of secrets are asked for again and again, in turns (each log line, each
 * run, each connector call): their answers are kept. A set of a run's own secrets (its cards')
 * is new each time: the kept ones are dropped when there are too many.
 */
const valuesOf = new Map<string, string[]>()
const KEPT_SECRET_SETS = 64

/** `text` with every one of `values` (from secretValues) replaced by REDACTED. */
export function scrubText(text: string, values: readonly string[]): string {
  // values are longest first: a text shorter than the shortest holds none
  if (values.length === 0 || text.length < values[values.length - 1]!.length) return text
  if (!finderFor(values).test(text)) return text
  let out = text
  for (const secret of values) if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  return out
}

/**
 * One pattern of all the values, literally (escaped: no value is read as a pattern), to tell a
 * text that holds none of them in one scan: most texts do, and a scan per value was most of a
 * run's redaction. Kept per list (secretValues gives the same list for the same secrets).
 */
const finders = new WeakMap<readonly string[], RegExp>()
function finderFor(values: readonly string[]): RegExp {
  let finder = finders.get(values)
  if (!finder) {
    finder = new RegExp(values.map((v) => v.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'))
    finders.set(values, finder)
  }
  return finder
}

/**
 * `Object.prototype.hasOwnProperty.call(o, k)` inside `for (k in o)` is one of the forms V8
 * compiles to a check of the object's shape against the loop's key cache; `Object.hasOwn` is
 * looked up per key (a walk of a run's history took ~25% longer with it). The walkers over
 * event data use this form.
 */
const ownKey = Object.prototype.hasOwnProperty

/** The same few keys recur in every run: remember which are secret-named. */
const keyVerdicts = new Map<string, boolean>()
export function isSecretKey(key: string): boolean {
  let verdict = keyVerdicts.get(key)
  if (verdict === undefined) {
    verdict = SECRET_KEY.test(key)
    if (keyVerdicts.size < 10_000) keyVerdicts.set(key, verdict)
  }
  return verdict
}

/** Objects and arrays of at most this many values, none an object, are walked again rather than looked up (see makeRedactor). */
const SMALL_LEAF = 8

/**
 * A function that returns the value with secret-named fields and secret values replaced.
 * Unchanged parts are returned as they are (copy on write), so a clean run costs one walk.
 */
export function makeRedactor(secrets: readonly string[], opts: { byKey?: boolean } = {}): (value: unknown) => unknown {
  const values = secretValues(secrets)
  const byKey = opts.byKey ?? true
  // One object is often reached by several paths (a run's input holds its event and parts of
  // it; card outputs are later inputs): each is walked once per call, unless reached again
  // nearer the top (the walk stops at a depth, so from there it goes further).
  // The depth an object was walked at is kept, and what it became only when that differs from
  // it (rare: most runs hold no secret), so that a clean walk allocates no record per object.
  // Only objects that hold objects, or more than a few values, are kept: walking a small leaf
  // again costs about what looking it up does, and adding every leaf to the map was half of a
  // run's redaction. A small leaf is walked once per reference to it, so a shared part still
  // costs no more than a few values per reference.
  let seen: Map<object, number | { redacted: unknown; depth: number }> | undefined
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return scrubText(value, values)
    if (value === null || typeof value !== 'object' || depth > 64) return value
    const known = seen!.get(value)
    if (typeof known === 'number') {
      if (known <= depth) return value
    } else if (known !== undefined && known.depth <= depth) return known.redacted
    return Array.isArray(value) ? walkArray(value, depth) : walkObject(value, depth)
  }
  const remember = (value: object, redacted: unknown, depth: number): unknown => {
    seen!.set(value, redacted === value ? depth : { redacted, depth })
    return redacted
  }
  const walkArray = (value: unknown[], depth: number): unknown => {
    let copy: unknown[] | undefined
    let nested = false
    for (let i = 0; i < value.length; i++) {
      const item = value[i]
      if (item !== null && typeof item === 'object') nested = true
      const v = walk(item, depth + 1)
      if (v === item) continue
      copy ??= [...value]
      copy[i] = v
    }
    return nested || value.length > SMALL_LEAF ? remember(value, copy ?? value, depth) : (copy ?? value)
  }
  const walkObject = (value: object, depth: number): unknown => {
    let copy: Record<string, unknown> | undefined
    let nested = false
    let size = 0
    // for-in over own keys: Object.entries allocated an array per object, a third of a run's cost.
    for (const k in value) {
      if (!ownKey.call(value, k)) continue
      const v = (value as Record<string, unknown>)[k]
      size++
      if (v !== null && typeof v === 'object') nested = true
      const next = byKey && isSecretKey(k) && (typeof v === 'string' || typeof v === 'number') ? REDACTED : walk(v, depth + 1)
      if (next === v) continue
      copy ??= { ...value }
      copy[k] = next
    }
    return nested || size > SMALL_LEAF ? remember(value, copy ?? value, depth) : (copy ?? value)
  }
  return (value) => {
    seen = new Map()
    try {
      return walk(value, 0)
    } finally {
      seen = undefined
    }
  }
}

/**
 * Known secret values (and their encodings) replaced wherever they appear, field names left
 * alone: for data stored as it came (a request's body), where a field named `token` is the
 * caller's own data, not ours to hide.
 */
export function makeScrubber(secrets: readonly string[]): (value: unknown) => unknown {
  return makeRedactor(secrets, { byKey: false })
}

/**
 * Each run's history, and each connector call's result kept in the step journal, is redacted
 * with one of a few sets of secrets: the redactor of each set is built once (kept for the last
 * KEPT_REDACTORS sets).
 */
const redactors = new Map<string, (value: unknown) => unknown>()
const KEPT_REDACTORS = 16

/** `value` with secret-named fields and secret values replaced (see makeRedactor). */
export function redactWith<T>(value: T, secrets: readonly string[]): T {
  const key = secrets.join('\u0000')
  let redact = redactors.get(key)
  if (!redact) {
    if (redactors.size >= KEPT_REDACTORS) redactors.clear()
    redact = makeRedactor(secrets)
    redactors.set(key, redact)
  }
  return redact(value) as T
}

export function redactRun(run: RunRecord, secrets: readonly string[]): RunRecord {
  return redactWith(run, secrets)
}
