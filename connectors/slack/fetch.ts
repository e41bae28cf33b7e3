/**
 * The `fetch` the Slack client is given: undici's `request` under it (the same client and
 * connection pool as Node's own fetch), without the WHATWG machinery fetch builds for every call
 * (a Request, header lists, body streams, a fetch controller): that was about a tenth of the
 * engine's time per message sent. No redirect is followed, as with the `redirect: 'error'` the
 * client asks for: a 3xx comes back as it is, and the client takes any status but 200 and 429
 * for an error.
 *
 * `timeoutMs` bounds the wait for the answer's headers, then for each part of its body, on
 * undici's own timers: the client's `timeout` option made an `AbortSignal.timeout` per call
 * (4.8 us each, and a timer and a finalizer to clean up), about 1% of the engine's thread.
 */
import { STATUS_CODES } from 'node:http'
import { request } from 'undici'

export async function slackFetch(input: string | URL | Request, init: RequestInit = {}, timeoutMs?: number): Promise<Response> {
  const url = typeof input === 'string' || input instanceof URL ? input : input.url
  const res = await request(url, {
    method: (init.method ?? 'GET') as 'POST',
    headers: toRecord(init.headers),
    ...(init.body !== undefined && init.body !== null && { body: init.body as string | Buffer }),
    ...(init.signal && { signal: init.signal }),
    ...(timeoutMs !== undefined && { headersTimeout: timeoutMs, bodyTimeout: timeoutMs }),
    maxRedirections: 0,
  })
  const body = Buffer.from(await res.body.arrayBuffer())
  const headers = new Headers()
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else if (value !== undefined) headers.set(name, value)
  }
  return answer(String(url), res.statusCode, headers, body)
}

/**
 * What the client reads of an answer (WebClient.makeRequest and buildResult in @slack/web-api
 * 8.2.0): its status, URL, headers and body as text or bytes. A WHATWG Response built for it
 * made a body stream for every call, a quarter of what this fetch saved. A class, not an object
 * of arrow functions: under tsx each function made per call is also renamed (keepNames).
 */
class Answer {
  readonly redirected = false
  readonly #body: Buffer

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: Headers,
    body: Buffer,
  ) {
    this.#body = body
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? ''
  }

  async text(): Promise<string> {
    return this.#body.toString('utf8')
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.#body.toString('utf8'))
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.#body
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer
  }
}

function answer(url: string, status: number, headers: Headers, body: Buffer): Response {
  return new Answer(url, status, headers, body) as unknown as Response
}

function toRecord(headers: RequestInit['headers']): Record<string, string> {
  if (headers === undefined) return {}
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(headers)
  return headers as Record<string, string>
}
