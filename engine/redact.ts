/** Secrets never reach history or logs: redacted by key name and by value. */
import type { RunRecord } from './history.ts'

export const REDACTED = '[REDACTED]'
export const SECRET_KEY = /token|secret|password|passwd|authorization|api[-_ ]?key|cookie|refresh/i

/** Short values would redact ordinary words; real secrets are long. */
const MIN_SECRET_LENGTH = 6

export function makeRedactor(secrets: readonly string[]): (value: unknown) => unknown {
  const values = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length)
  const scrubText = (text: string) => values.reduce((t, secret) => (t.includes(secret) ? t.split(secret).join(REDACTED) : t), text)
  const walk = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return values.length > 0 ? scrubText(value) : value
    if (value === null || typeof value !== 'object' || depth > 64) return value
    if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1))
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEY.test(k) && (typeof v === 'string' || typeof v === 'number') ? REDACTED : walk(v, depth + 1)
    }
    return out
  }
  return (value) => walk(value, 0)
}

export function redactRun(run: RunRecord, secrets: readonly string[]): RunRecord {
  return makeRedactor(secrets)(run) as RunRecord
}
