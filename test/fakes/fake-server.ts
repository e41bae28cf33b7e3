/**
 * A small HTTP server on 127.0.0.1 (ephemeral port) standing in for an outside service. It
 * records every request it gets, reports them as they come (`waitForRequests`), and can be told
 * to misbehave for the next requests: answer a status (429 with Retry-After, 500…), answer
 * slowly, hang until released, or close the connection without answering. `reset()` forgets all
 * of it, so one test's queued trouble never reaches the next.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { waitFor } from '../wait.ts'

export interface RecordedRequest {
  method: string
  /** Path without the query, as sent (percent-encoding kept). */
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
  /** The body parsed as JSON, when it was JSON. */
  json?: unknown
  /** The body parsed as a form, when it was `application/x-www-form-urlencoded`. */
  form?: URLSearchParams
}

export interface Answer {
  status: number
  body?: unknown
  /** A list sends the header once per value (Okta's two `Link` headers). */
  headers?: Record<string, string | string[]>
}

export type Trouble =
  /** Answer this status instead (429 gets `Retry-After` when `retryAfter` is given). */
  | { kind: 'status'; status: number; retryAfter?: number; body?: unknown }
  /** Answer normally, but only after `ms`. */
  | { kind: 'slow'; ms: number }
  /** Answer nothing until `release()` (then normally) or `reset()`/`close()` (then drop it). */
  | { kind: 'hang' }
  /** Drop the connection without an answer. */
  | { kind: 'close' }
  /** Answer this exactly. */
  | { kind: 'answer'; answer: Answer }
  /** Answer normally once `until` settles (a test holds a request open while it checks something). */
  | { kind: 'hold'; until: Promise<unknown> }

export interface FakeServer {
  /** Base URL to give the client library (ends with `/`). */
  url: string
  /** Every request received since the start or the last reset, in order (including the failed ones). */
  readonly requests: RecordedRequest[]
  /** The next `times` requests get this trouble instead of the normal answer. */
  failNext(trouble: Trouble, times?: number): void
  /** Troubles queued and not yet used. */
  pendingTroubles(): number
  /** Resolves once `count` requests matching `filter` have arrived (all of them, in order). */
  waitForRequests(count: number, filter?: (req: RecordedRequest) => boolean): Promise<RecordedRequest[]>
  /** Answers the requests held by a `hang` trouble normally; resolves with how many there were. */
  release(): number
  /** Requests held by a `hang` trouble whose connection the client has not closed. */
  heldOpen(): number
  /** Forgets the requests, the queued troubles and drops any held or slow request. */
  reset(): void
  close(): Promise<void>
}

/** The answer to a request; a promise when the fake must call out first (Okta verifying an event hook). */
export type Handler = (req: RecordedRequest) => Answer | Promise<Answer>

/** The most bytes a fake reads of a body: enough for any test, bounded anyway. */
const MAX_BODY = 16 * 1024 * 1024

export async function startFakeServer(handle: Handler, basePath = '/'): Promise<FakeServer> {
  const requests: RecordedRequest[] = []
  const troubles: Trouble[] = []
  const timers = new Set<NodeJS.Timeout>()
  const held = new Set<{ res: ServerResponse; recorded: RecordedRequest }>()
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req) {
      size += (chunk as Buffer).length
      if (size > MAX_BODY) return void res.writeHead(413).end()
      chunks.push(chunk as Buffer)
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const recorded = record(req.method ?? 'GET', (req.url ?? '/').split('?')[0]!, url.searchParams, req.headers, Buffer.concat(chunks).toString('utf8'))
    requests.push(recorded)
    const trouble = troubles.shift()
    switch (trouble?.kind) {
      case 'close':
        return void req.socket.destroy()
      case 'status':
        return send(res, { status: trouble.status, body: trouble.body ?? { error: `fake ${trouble.status}` }, ...(trouble.retryAfter !== undefined && { headers: { 'retry-after': String(trouble.retryAfter) } }) })
      case 'answer':
        return send(res, trouble.answer)
      case 'hold': {
        const go = async () => {
          const answer = await handle(recorded)
          if (!res.destroyed) send(res, answer)
        }
        return void trouble.until.then(go, go)
      }
      case 'hang':
        return void held.add({ res, recorded })
      case 'slow': {
        const timer = setTimeout(async () => {
          timers.delete(timer)
          const answer = await handle(recorded)
          if (!res.destroyed) send(res, answer)
        }, trouble.ms)
        timers.add(timer)
        return
      }
      case undefined:
        return send(res, await handle(recorded))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const dropHeld = () => {
    for (const t of timers) clearTimeout(t)
    timers.clear()
    for (const { res } of held) res.destroy()
    held.clear()
  }
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    failNext(trouble, times = 1) {
      for (let i = 0; i < times; i++) troubles.push(trouble)
    },
    pendingTroubles: () => troubles.length,
    waitForRequests(count, filter = () => true) {
      return waitFor(() => {
        const matching = requests.filter(filter)
        return matching.length >= count ? matching : undefined
      }, `${count} request(s) at the fake on port ${port}`)
    },
    heldOpen: () => [...held].filter(({ res }) => !res.socket?.destroyed).length,
    release() {
      const n = held.size
      for (const { res, recorded } of held) {
        Promise.resolve(handle(recorded)).then((answer) => {
          if (!res.destroyed) send(res, answer)
        })
      }
      held.clear()
      return n
    },
    reset() {
      requests.length = 0
      troubles.length = 0
      dropHeld()
    },
    async close() {
      dropHeld()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function record(method: string, path: string, query: URLSearchParams, headers: IncomingHttpHeaders, body: string): RecordedRequest {
  const type = String(headers['content-type'] ?? '')
  const out: RecordedRequest = { method, path, query, headers, body }
  if (type.includes('application/json') && body !== '') out.json = JSON.parse(body)
  if (type.includes('application/x-www-form-urlencoded')) out.form = new URLSearchParams(body)
  return out
}

function send(res: ServerResponse, answer: Answer) {
  const headers: Record<string, string | string[]> = { ...answer.headers }
  const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
  if (body !== '' && !headers['content-type']) headers['content-type'] = typeof answer.body === 'string' ? 'text/plain' : 'application/json'
  res.writeHead(answer.status, headers).end(body)
}

/** The bearer token a request carried, or undefined. */
export function bearer(req: RecordedRequest): string | undefined {
  const auth = req.headers.authorization
  return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined
}
