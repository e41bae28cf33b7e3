/** A service answered with an HTTP error status; thrown by our own fetch-based clients (Okta, token endpoints). */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError'

  constructor(
    readonly status: number,
    /** The service's own error code (`E0000007`, `invalid_client`), when it gave one. */
    readonly serviceCode: string | undefined,
    message: string,
    /** `Retry-After` in seconds, when the service sent one. */
    readonly retryAfter: number | undefined,
  ) {
    super(message)
  }
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000)
}

/** Reads an error response body as JSON when it is JSON, else as text (bounded, for messages). */
export async function readErrorBody(res: Response): Promise<unknown> {
  const text = (await res.text()).slice(0, 4096)
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** A base URL as client libraries want it: ending in `/`. */
export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
