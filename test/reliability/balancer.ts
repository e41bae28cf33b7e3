/**
 * A small round-robin HTTP front for several engines, standing in for HAProxy (see
 * docs/deploy.md): each request goes to the next backend that is up. A backend that refuses
 * the connection is skipped for that request (HAProxy's `retry-on conn-failure`); one that does
 * not answer within `timeoutMs` gets the client a 504 (`timeout server`); anything else that
 * breaks the exchange a 502. A health check of /readyz every `checkMs` takes a backend out while
 * it fails or does not answer within `timeoutMs`, and puts it back once it passes.
 */
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Balancer {
  url: string
  /** Requests answered by each backend, by its URL. */
  answered: Map<string, number>
  /** Backends the health check holds out now. */
  down(): string[]
  close(): Promise<void>
}

const MAX_BODY = 2 * 1024 * 1024

export async function startBalancer(backends: readonly string[], opts: { timeoutMs: number; checkMs: number }): Promise<Balancer> {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 })
  const out = new Set<string>()
  const answered = new Map(backends.map((b) => [b, 0]))
  let next = 0

  const check = (backend: string) => {
    const req = request(`${backend}/readyz`, { agent, timeout: opts.timeoutMs }, (res) => {
      res.resume()
      if (res.statusCode === 200) out.delete(backend)
      else out.add(backend)
    })
    req.on('timeout', () => req.destroy(new Error('health check timed out')))
    req.on('error', () => out.add(backend))
    req.end()
  }
  const checker = setInterval(() => backends.forEach(check), opts.checkMs)

  const forward = (backend: string, req: IncomingMessage, body: Buffer, res: ServerResponse, onRefused: () => void) => {
    const upstream = request(`${backend}${req.url}`, { method: req.method, headers: req.headers, agent, timeout: opts.timeoutMs }, (answer) => {
      answered.set(backend, (answered.get(backend) ?? 0) + 1)
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('timeout', () => upstream.destroy(Object.assign(new Error('no answer in time'), { code: 'TIMEOUT' })))
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') return onRefused()
      if (res.headersSent) return void res.destroy()
      res.writeHead(err.code === 'TIMEOUT' ? 504 : 502).end()
    })
    upstream.end(body)
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) req.destroy()
      else chunks.push(chunk)
    })
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const up = backends.filter((b) => !out.has(b))
      const tried = new Set<string>()
      const attempt = () => {
        const candidates = up.filter((b) => !tried.has(b))
        if (candidates.length === 0) return void res.writeHead(503).end()
        const backend = candidates[next++ % candidates.length]!
        tried.add(backend)
        forward(backend, req, body, res, attempt)
      }
      attempt()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answered,
    down: () => [...out],
    async close() {
      clearInterval(checker)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      agent.destroy()
    },
  }
}
