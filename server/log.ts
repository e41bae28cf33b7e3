/** The engine's structured JSON logs (pino). Secrets are removed by key and, last, by value. */
import { pino } from 'pino'
import { REDACTED } from '../engine/redact.ts'

export type Log = pino.Logger

/** Keys that may hold a credential wherever they appear in a logged object. */
const REDACT_PATHS = [
  'authorization',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-client-token"]',
  'query.clientToken',
  '*.authorization',
  '*.cookie',
  '*["x-api-client-token"]',
  '*.clientToken',
  '*.secret',
  '*.token',
]

/** Short values would redact ordinary words; real secrets are long (as in engine/redact.ts). */
const MIN_SECRET_LENGTH = 6

/** Replaces each secret, raw or JSON-escaped, in a finished log line. */
export function scrubLine(line: string, secrets: readonly string[]): string {
  let out = line
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
      if (out.includes(form)) out = out.split(form).join(REDACTED)
    }
  }
  return out
}

export interface LogOptions {
  level?: string
  /** Values that must never be written, whatever key or message they hide in. */
  secrets?: () => readonly string[]
  destination?: pino.DestinationStream
}

export function createLog(opts: LogOptions = {}): Log {
  const secrets = opts.secrets ?? (() => [])
  const options: pino.LoggerOptions = {
    level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { name: 'cardflow' },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: { streamWrite: (line) => scrubLine(line, secrets()) },
  }
  return opts.destination ? pino(options, opts.destination) : pino(options)
}
