/** Secrets never reach history or logs: redacted by key name and by value. */
import type { RunRecord } from './history.ts'

export const REDACTED = '[REDACTED]'
export const SECRET_KEY = /token|secret|password|passwd|authorization|api[-_ ]?key|cookie|refresh/i

/** Short values would redact ordinary words; real secrets are long. */
const MIN_SECRET_LENGTH = 6

/** The secret values worth looking for, each once, longest first (a secret holding another goes whole). */
export function secretValues(secrets: readonly string[]): string[] {
  return [...new Set(secrets.filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length)
}

/** `text` with every one of `values` (from secretValues) replaced by REDACTED. */
export function scrubText(text: string, values: readonly string[]): string {
  let out = text
  for (const secret of values) if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  return out
}

/** The same few keys recur in every run: remember which are secret-named. */
const keyVerdicts = new Map<string, boolean>()
function isSecretKey(key: string): boolean {
  let verdict = keyVerdicts.get(key)
  if (verdict === undefined) {
    verdict = SECRET_KEY.test(key)
    if (keyVerdicts.size < 10_000) keyVerdicts.set(key, verdict)
  }
  return verdict
}

/**
 * A function that returns the value with secret-named fields and secret values replaced.
 * Unchanged parts are returned as they are (copy on write), so a clean run costs one walk.
 */
export function makeRedactor(secrets: readonly string[]): (value: unknown) => unknown {
  const values = secretValues(secrets)
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return values.length > 0 ? scrubText(value, values) : value
    if (value === null || typeof value !== 'object' || depth > 64) return value
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined
      for (let i = 0; i < value.length; i++) {
        const v = walk(value[i], depth + 1)
        if (v === value[i]) continue
        copy ??= [...value]
        copy[i] = v
      }
      return copy ?? value
    }
    let copy: Record<string, unknown> | undefined
    // for-in over own keys: Object.entries allocated an array per object, a third of a run's cost.
    for (const k in value) {
      if (!Object.hasOwn(value, k)) continue
      const v = (value as Record<string, unknown>)[k]
      const next = isSecretKey(k) && (typeof v === 'string' || typeof v === 'number') ? REDACTED : walk(v, depth + 1)
      if (next === v) continue
      copy ??= { ...value }
      copy[k] = next
    }
    return copy ?? value
  }
  return (value) => walk(value, 0)
}

/** Runs in a row redact with the same secrets: build the redactor once for them. */
let lastRedactor: { key: string; redact: (value: unknown) => unknown } | undefined

export function redactRun(run: RunRecord, secrets: readonly string[]): RunRecord {
  const key = secrets.join('\u0000')
  if (lastRedactor?.key !== key) lastRedactor = { key, redact: makeRedactor(secrets) }
  return lastRedactor.redact(run) as RunRecord
}
