/** The engine's structured JSON logs (pino). Secrets are removed by key and, last, by value. */
import { pino } from 'pino'
import { REDACTED, scrubText, secretValues } from '../engine/redact.ts'

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

/** Replaces each secret, raw or JSON-escaped (a log line is JSON text), in a finished log line. */
export function scrubLine(line: string, secrets: readonly string[]): string {
  return scrubText(line, secretValues(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])))
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
