/**
 * The `fetch` the Slack client is given: undici's `request` under it (the same client and
 * connection pool as Node's own fetch), without the WHATWG machinery fetch builds for every call
 * (a Request, header lists, body streams, a fetch controller): that was about a tenth of the
 * engine's time per message sent. No redirect is followed, as with the `redirect: 'error'` the
 * client asks for: a 3xx comes back as it is, and the client takes any status but 200 and 429
 * for an error. The answer is a real `Response`, with the URL it came from.
 */
import { request } from 'undici'

/** Statuses whose answer has no body, which `Response` refuses one for. */
const NO_BODY = new Set([101, 103, 204, 205, 304])

export async function slackFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = typeof input === 'string' || input instanceof URL ? input : input.url
  const res = await request(url, {
    method: (init.method ?? 'GET') as 'POST',
    headers: toRecord(init.headers),
    ...(init.body !== undefined && init.body !== null && { body: init.body as string | Buffer }),
    ...(init.signal && { signal: init.signal }),
    maxRedirections: 0,
  })
  const body = await res.body.arrayBuffer()
  const headers = new Headers()
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else if (value !== undefined) headers.set(name, value)
  }
  const response = new Response(NO_BODY.has(res.statusCode) ? null : body, { status: res.statusCode, headers })
  Object.defineProperty(response, 'url', { value: String(url) })
  return response
}

function toRecord(headers: RequestInit['headers']): Record<string, string> {
  if (headers === undefined) return {}
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(headers)
  return headers as Record<string, string>
}
