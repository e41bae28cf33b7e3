/**
 * Helpers for a card's `okta.map`: how the fields of an exported Okta card become the card's
 * inputs. The importer builds the `ExportedCard`; these read it in the ways cards share.
 */
import type { ExportedCard, ExportMapping, MappedCard } from '../engine/export-mapping.ts'

/** Drops undefined entries so the YAML holds only what was set. */
export function defined(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined))
}

/** An empty object or list as undefined, so an unset input stays out of the YAML. */
export function nonEmpty<T extends object>(o: T): T | undefined {
  return Object.keys(o).length > 0 ? o : undefined
}

/** Okta's comparison symbols to cardflow's operator names. */
export const OPERATOR_NAMES: Record<string, string> = {
  '==': 'equal',
  '!=': 'not equal',
  '>': 'greater than',
  '>=': 'greater than or equal',
  '<': 'less than',
  '<=': 'less than or equal',
  '%': 'a multiple of',
  in: 'in',
  'not in': 'not in',
  has: 'has key',
  "doesn't have": "doesn't have key",
  '===': 'equal and the same type',
  '!==': 'not equal or not the same type',
  'is empty': 'is empty',
  'is not empty': 'is not empty',
}

export function operatorOf(value: unknown): unknown {
  return typeof value === 'string' ? (OPERATOR_NAMES[value] ?? value) : value
}

/** The inputs whose names the author chose (Construct, Assign, Return, Call Flow's fields), helper flows left out. */
export function named(v: ExportedCard, skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of v.fields()) {
    if (skip.includes(f.key) || f.type === 'flo') continue
    out[f.key] = f.value ?? null
  }
  return out
}

/** Inputs of a helper call: the author's fields plus the values an inline flow captures ("context"). */
export const helperInputs = (v: ExportedCard, skip: readonly string[] = []) => named(v, ['flo', 'concurrency', ...skip])

/** Each listed input from the exported field of the same key. */
export function sameKeys(keys: readonly string[]): NonNullable<ExportMapping['map']> {
  return (v) => ({ inputs: defined(Object.fromEntries(keys.map((k) => [k, v.input(k)]))) })
}

/** value a, comparison, value b (and further keys) of Okta's comparing cards. */
export function comparison(extra: readonly string[] = []): NonNullable<ExportMapping['map']> {
  return (v) => ({
    inputs: defined({ a: v.input('left-operand') ?? null, operator: operatorOf(v.input('operator')), b: v.input('right-operand'), ...Object.fromEntries(extra.map((k) => [k, v.input(k)])) }),
  })
}

/** Okta's "Yes"/"No" choices as true/false; anything else as it is. */
export function yesNo(v: unknown): unknown {
  return v === 'Yes' ? true : v === 'No' ? false : v
}

/** The inputs of one of the card's field groups (Create User's Profile, a stream's State), by Okta key. */
export function inGroup(v: ExportedCard, group: string, skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of v.fields()) if (f.group === group && !skip.includes(f.key)) out[f.key] = f.value ?? null
  return out
}

/** A field of one group by key (Okta repeats keys across groups: `id` in User and in Group). */
export function inputInGroup(v: ExportedCard, key: string, group: string): unknown {
  return v.fields().find((f) => f.key === key && f.group === group)?.value
}

/** `{{{field}}}` in Okta's text becomes the field's reference or its (escaped) literal text; other braces stay text. */
export function templateOf(v: ExportedCard, key = '_text_'): string {
  const raw = v.rawInput(key)
  const text = typeof raw === 'string' ? raw : ''
  const values = new Map(v.fields().map((f) => [f.key, f.value]))
  const PLACEHOLDER = /\{\{\{([^{}]+)\}\}\}/g
  let out = ''
  let last = 0
  for (const m of text.matchAll(PLACEHOLDER)) {
    out += escapeText(text.slice(last, m.index))
    last = m.index + m[0].length
    const k = m[1]!
    if (!values.has(k)) out += escapeText(m[0])
    else out += inlineText(values.get(k))
  }
  return out + escapeText(text.slice(last))
}

const escapeText = (s: string) => s.replaceAll('{{', '\\{{')

const REF = /^\{\{([^{}]+)\}\}$/

/** Whether a value is exactly one reference (and so passes a typed value, not text). */
export function isRef(v: unknown): v is string {
  return typeof v === 'string' && REF.test(v)
}

/** The text to put where Okta had `{{{field}}}` in a Compose: the reference, or the literal text. */
export function inlineText(v: unknown): string {
  if (v === undefined || v === null) return ''
  if (isRef(v)) return v
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** The mapping of a card that takes the export's fields under its own input names. */
export function mapped(inputs: Record<string, unknown>, outputs?: MappedCard['outputs']): MappedCard {
  return { inputs: defined(inputs), ...(outputs && { outputs }) }
}

/**
 * An input of a card whose export keys are known only from Okta's docs: the first field under one
 * of `keys`, else the field at `position` among the card's own fields (not those an author added).
 */
export function inputOf(v: ExportedCard, keys: readonly string[], position?: number): unknown {
  const fields = v.fields()
  const byKey = fields.find((f) => keys.includes(f.key))
  if (byKey) return byKey.value
  return position === undefined ? undefined : fields.filter((f) => !f.custom && f.group !== 'context')[position]?.value
}

/** The values of the inputs an author added to an extensible card (Merge's third object, Union's third list), in order. */
export function extraInputs(v: ExportedCard, known: readonly string[]): unknown[] {
  return v.fields().filter((f) => !known.includes(f.key) && f.group !== 'context' && f.type !== 'flo' && f.value !== undefined).map((f) => f.value)
}
