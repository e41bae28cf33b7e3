/** Secrets never reach history or logs: redacted by key name and by value. */
import type { CardRecord, RunRecord } from './history.ts'

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

/** Objects and arrays of at most this many values, none an object, are walked again rather than looked up (see walksOf). */
const SMALL_LEAF = 8

/**
 * How many values a walk that remembers nothing may visit before it starts again as one that
 * remembers what it walked. A run's record holds a few hundred; a value reaching one object by
 * many paths (a list of the same list, nested) could hold 2^depth.
 */
export const PLAIN_WALK_BUDGET = 20_000

/** Walks a value found at a depth; returns it with secrets replaced (copy on write). */
type Visit = (value: unknown, depth: number) => unknown

/**
 * The walk of one set of secrets. `attempt` runs a walk of a value (or of a run's record, see
 * redactRecord), first remembering nothing, and again remembering when that runs out of count.
 */
function walksOf(secrets: readonly string[], byKey: boolean): { attempt<T>(walkWith: (visit: Visit) => T): T } {
  const values = secretValues(secrets)
  const scrubs = values.length > 0
  // Most values are trees: each part is reached by one path. The first walk remembers nothing
  // (`seen` is undefined) and counts what it visits; a value that reaches one part by very many
  // paths (each part of a run's input may be its event's too, and a hostile list can hold itself
  // nested) runs out of the count, and is walked again remembering each part it walked, so that
  // a shared part is walked once (unless reached again nearer the top: the walk stops at a depth,
  // so from there it goes further). Remembering every part was most of a clean run's redaction.
  // What is remembered: the depth each part was walked at, and what it became only when that
  // differs from it (rare: most values hold no secret). Only parts that hold objects, or more
  // than a few values, are kept: a small leaf is walked once per reference to it, so a shared
  // part still costs no more than a few values per reference.
  let left = 0
  let seen: Map<object, number | { redacted: unknown; depth: number }> | undefined
  const walk: Visit = (value, depth) => {
    if (typeof value === 'string') return scrubs ? scrubText(value, values) : value
    if (value === null || typeof value !== 'object' || depth > 64) return value
    if (seen) {
      const known = seen.get(value)
      if (typeof known === 'number') {
        if (known <= depth) return value
      } else if (known !== undefined && known.depth <= depth) return known.redacted
    } else if (left < 0) throw OUT_OF_BUDGET
    return Array.isArray(value) ? walkArray(value, depth) : walkObject(value, depth)
  }
  const remember = (value: object, redacted: unknown, depth: number): unknown => {
    seen!.set(value, redacted === value ? depth : { redacted, depth })
    return redacted
  }
  const walkArray = (value: unknown[], depth: number): unknown => {
    let copy: unknown[] | undefined
    let nested = false
    left -= value.length
    for (let i = 0; i < value.length; i++) {
      const item = value[i]
      if (item !== null && typeof item === 'object') nested = true
      const v = walk(item, depth + 1)
      if (v === item) continue
      copy ??= [...value]
      copy[i] = v
    }
    return seen && (nested || value.length > SMALL_LEAF) ? remember(value, copy ?? value, depth) : (copy ?? value)
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
      left--
      if (v !== null && typeof v === 'object') nested = true
      const next = byKey && (typeof v === 'string' || typeof v === 'number') && isSecretKey(k) ? REDACTED : walk(v, depth + 1)
      if (next === v) continue
      copy ??= { ...value }
      copy[k] = next
    }
    return seen && (nested || size > SMALL_LEAF) ? remember(value, copy ?? value, depth) : (copy ?? value)
  }
  return {
    attempt<T>(walkWith: (visit: Visit) => T): T {
      left = PLAIN_WALK_BUDGET
      try {
        return walkWith(walk)
      } catch (err) {
        if (err !== OUT_OF_BUDGET) throw err
      }
      seen = new Map()
      try {
        return walkWith(walk)
      } finally {
        seen = undefined
      }
    },
  }
}

/**
 * A function that returns the value with secret-named fields and secret values replaced.
 * Unchanged parts are returned as they are (copy on write), so a clean run costs one walk.
 */
export function makeRedactor(secrets: readonly string[], opts: { byKey?: boolean } = {}): (value: unknown) => unknown {
  const walks = walksOf(secrets, opts.byKey ?? true)
  return (value) => walks.attempt((visit) => visit(value, 0))
}

/**
 * The fields of a run's record and of its cards' records: `own` ones the interpreter sets from
 * the plan and its clock, never from data, and redaction does not walk them (they were half of
 * a record's fields); the others are walked. Every field is named here (`satisfies`), so a new
 * one cannot go unwalked unnoticed.
 */
export const RUN_FIELDS = {
  runId: 'own',
  flow: 'own',
  flowFile: 'own',
  status: 'own',
  startedAt: 'own',
  durationMs: 'own',
  dryRun: 'own',
  trigger: 'trigger',
  cards: 'cards',
  outbound: 'data',
  message: 'data',
  error: 'data',
  result: 'data',
  waitUntil: 'data',
  waitingCard: 'own',
} as const satisfies Record<keyof RunRecord, 'own' | 'data' | 'trigger' | 'cards'>
export const CARD_FIELDS = {
  id: 'own',
  card: 'own',
  status: 'own',
  inputs: 'data',
  outputs: 'data',
  error: 'data',
  durationMs: 'own',
  parent: 'own',
  message: 'data',
  reused: 'own',
  resumed: 'own',
  waitUntil: 'data',
  waitRecorded: 'own',
  paused: 'own',
} as const satisfies Record<keyof CardRecord, 'own' | 'data'>
/** The data fields of a table (for the test that each is walked). */
export const dataFields = (fields: Record<string, string>) => Object.keys(fields).filter((k) => fields[k] === 'data')

/**
 * A run's record walked as a generic walk would (at the same depths), but for its own fields.
 * The data fields of RUN_FIELDS and CARD_FIELDS are read one by one, by name: a loop over their
 * names was a quarter of the walk.
 */
function redactRecord(run: RunRecord, visit: Visit): RunRecord {
  const outputs = visit(run.trigger.outputs, 2) as Record<string, unknown>
  let cards: CardRecord[] | undefined
  for (let i = 0; i < run.cards.length; i++) {
    const card = run.cards[i]!
    const next = redactCard(card, visit)
    if (next === card) continue
    cards ??= [...run.cards]
    cards[i] = next
  }
  const outbound = visit(run.outbound, 1) as RunRecord['outbound']
  const message = run.message === undefined ? undefined : (visit(run.message, 1) as string)
  const error = run.error === undefined ? undefined : (visit(run.error, 1) as RunRecord['error'])
  const result = run.result === undefined ? undefined : (visit(run.result, 1) as RunRecord['result'])
  const waitUntil = run.waitUntil === undefined ? undefined : (visit(run.waitUntil, 1) as string)
  if (outputs === run.trigger.outputs && !cards && outbound === run.outbound && message === run.message && error === run.error && result === run.result && waitUntil === run.waitUntil) return run
  const out: RunRecord = { ...run, trigger: { ...run.trigger, outputs }, cards: cards ?? run.cards, outbound }
  if (message !== undefined) out.message = message
  if (error !== undefined) out.error = error
  if (result !== undefined) out.result = result
  if (waitUntil !== undefined) out.waitUntil = waitUntil
  return out
}

function redactCard(card: CardRecord, visit: Visit): CardRecord {
  const inputs = visit(card.inputs, 3) as Record<string, unknown>
  const outputs = visit(card.outputs, 3) as Record<string, unknown>
  const error = card.error === undefined ? undefined : (visit(card.error, 3) as CardRecord['error'])
  const message = card.message === undefined ? undefined : (visit(card.message, 3) as string)
  const waitUntil = card.waitUntil === undefined ? undefined : (visit(card.waitUntil, 3) as string)
  if (inputs === card.inputs && outputs === card.outputs && error === card.error && message === card.message && waitUntil === card.waitUntil) return card
  const out: CardRecord = { ...card, inputs, outputs }
  if (error !== undefined) out.error = error
  if (message !== undefined) out.message = message
  if (waitUntil !== undefined) out.waitUntil = waitUntil
  return out
}

/** Thrown (and caught) when a walk that remembers nothing has visited too much. */
const OUT_OF_BUDGET = Symbol('out of budget')

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
 * with one of a few sets of secrets: the walks of each set are built once (kept for the last
 * KEPT_REDACTORS sets).
 */
const redactors = new Map<string, ReturnType<typeof walksOf>>()
const KEPT_REDACTORS = 16

function walksFor(secrets: readonly string[]): ReturnType<typeof walksOf> {
  const key = secrets.join('\u0000')
  let walks = redactors.get(key)
  if (!walks) {
    if (redactors.size >= KEPT_REDACTORS) redactors.clear()
    walks = walksOf(secrets, true)
    redactors.set(key, walks)
  }
  return walks
}

/** `value` with secret-named fields and secret values replaced (see makeRedactor). */
export function redactWith<T>(value: T, secrets: readonly string[]): T {
  return walksFor(secrets).attempt((visit) => visit(value, 0)) as T
}

/** A run's record with secret-named fields and secret values replaced (see makeRedactor, RUN_FIELDS). */
export function redactRun(run: RunRecord, secrets: readonly string[]): RunRecord {
  return walksFor(secrets).attempt((visit) => redactRecord(run, visit))
}
