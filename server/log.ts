/** The engine's structured JSON logs (pino). Secrets are removed by key and, last, by value. */
import { pino } from 'pino'
import pinoPretty from 'pino-pretty'
import { isSecretKey, REDACTED, scrubText, secretValues } from '../engine/redact.ts'

export type Log = pino.Logger

/** How deep a logged object is searched for secret-named keys: log objects are small, and a cycle ends here. */
const KEY_DEPTH = 8

/**
 * The logged object with the value of each secret-named key (`authorization`, `cookie`,
 * `x-api-client-token`, `clientToken`, any `*token*`, `*secret*`, `*password*`…) replaced, at
 * any depth up to KEY_DEPTH; the same object when it has none, so a clean line allocates
 * nothing. (pino's `redact` option cloned and stringified every field of every line through
 * its paths: a seventh of all the bytes the engine allocated under load.) Errors, dates and
 * buffers are left to pino's serializers; secret values in them are scrubbed from the line.
 */
export function hideSecretKeys(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > KEY_DEPTH) return value
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const v = hideSecretKeys(value[i], depth + 1)
      if (v === value[i]) continue
      copy ??= [...value]
      copy[i] = v
    }
    return copy ?? value
  }
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  let copy: Record<string, unknown> | undefined
  for (const k in value) {
    if (!Object.hasOwn(value, k)) continue
    const v = (value as Record<string, unknown>)[k]
    const next = v !== undefined && v !== null && isSecretKey(k) ? REDACTED : hideSecretKeys(v, depth + 1)
    if (next === v) continue
    copy ??= { ...value }
    copy[k] = next
  }
  return copy ?? value
}

/** Replaces each secret, raw or JSON-escaped (a log line is JSON text), in a finished log line. */
export function scrubLine(line: string, secrets: readonly string[]): string {
  return scrubText(line, lineValues(secrets))
}

/** The values to look for in log lines, for the last secrets asked: the same for every line. */
let lastLineValues: { key: string; values: string[] } | undefined
function lineValues(secrets: readonly string[]): string[] {
  const key = secrets.join('\u0000')
  if (lastLineValues?.key !== key) lastLineValues = { key, values: secretValues(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)])) }
  return lastLineValues.values
}

export interface LogOptions {
  level?: string
  /** Values that must never be written, whatever key or message they hide in. */
  secrets?: () => readonly string[]
  destination?: pino.DestinationStream
  /** `pretty`: one readable line per entry, for a person at a terminal; `json` (default) for machines. */
  format?: LogFormat
}

export type LogFormat = 'json' | 'pretty'

/** Readable lines when stdout is a terminal, JSON when it goes to a file, a pipe or a collector. */
export function defaultLogFormat(stream: { isTTY?: boolean } = process.stdout): LogFormat {
  return stream.isTTY ? 'pretty' : 'json'
}

export function createLog(opts: LogOptions = {}): Log {
  const secrets = opts.secrets ?? (() => [])
  const options: pino.LoggerOptions = {
    level: opts.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { name: 'cardflow' },
    formatters: { log: (object) => hideSecretKeys(object) as Record<string, unknown> },
    hooks: { streamWrite: (line) => scrubLine(line, secrets()) },
  }
  if (opts.format === 'pretty') {
    // the scrubbing hook runs on the JSON line before pino-pretty formats it, so secrets stay out
    const pretty = pinoPretty({ colorize: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name', singleLine: true, sync: true, ...(opts.destination && { destination: opts.destination }) })
    return pino(options, pretty)
  }
  // stdout written asynchronously: a line per delivery and per run was a synchronous write(2)
  // each; what is buffered when the process exits is flushed then (pino registers it)
  return pino(options, opts.destination ?? pino.destination({ dest: 1, sync: false }))
}
