/**
 * HTTP helpers shared by the engine's routes (server/) and the web UI (ui/): constant-time secret
 * checks, header reading, credential-free headers, JSON errors.
 */
import { hash, timingSafeEqual } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import type { Logger } from '../engine/card.ts'
import { SECRET_KEY, scrubText, secretValues } from '../engine/redact.ts'

/** Constant time whatever the lengths: both sides are hashed to equal-length digests first. */
export function secretMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false
  if (expectedDigest?.secret !== expected) expectedDigest = { secret: expected, digest: digest(expected) }
  return timingSafeEqual(digest(given), expectedDigest.digest)
}

// the one-shot hash: a Hash object per request took twice as long
const digest = (s: string) => hash('sha256', s, 'buffer')
/** The secret compared with is the same for every request (the hook's, a flow's client token): hashed once. */
let expectedDigest: { secret: string; digest: Buffer } | undefined

/**
 * Request headers with lower-case names, one string each, credentials removed: by name, and by
 * value wherever a known secret was sent in another header (it would be stored with the run).
 */
export function safeHeaders(req: Request, drop: readonly string[], secrets: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {}
  const dropped = drop.map((h) => h.toLowerCase())
  const values = secretValues(secrets)
  for (const name in req.headers) {
    // own names only, as Object.entries gave: the headers object inherits from Object.prototype
    if (!Object.hasOwn(req.headers, name)) continue
    const value = req.headers[name]
    // the pattern itself, not isSecretKey's cache: header names are the caller's to choose
    if (value === undefined || dropped.includes(name) || SECRET_KEY.test(name)) continue
    out[name] = scrubText(Array.isArray(value) ? value.join(', ') : value, values)
  }
  return out
}

export function headerValue(req: Request, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()]
  return Array.isArray(v) ? v[0] : v
}

export function sendError(res: Response, status: number, message: string): void {
  res.status(status).json({ error: message })
}

/** body-parser's errors carry the status they mean (413 too large, 400 bad encoding). */
interface HttpishError {
  status?: number
  type?: string
  message?: string
}

/** The last middleware: a client's mistake gets its 4xx; only our own failure is a 500. */
export function errorHandler(log: Logger) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as HttpishError
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      const message = e.type === 'entity.too.large' ? 'the body is too large' : (e.message ?? 'bad request')
      sendError(res, e.status, message)
      return
    }
    log.error({ err: e.message }, 'request failed')
    sendError(res, 500, 'internal error')
  }
}
