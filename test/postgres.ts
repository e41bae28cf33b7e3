/**
 * PostgreSQL for tests: the server at 127.0.0.1:5432 (database `test`, user `postgres`), or
 * CARDFLOW_TEST_POSTGRES. Other test runs share it, so each test gets a schema of its own, with
 * a unique name, dropped after. Without a reachable server the suites skip with one line; in CI
 * (CI set) an unreachable server is an error instead, so a green run cannot hide it.
 */
import { randomBytes } from 'node:crypto'
import { connect, createServer, type Server, type Socket } from 'node:net'
import pg from 'pg'
import { describeStoreUrl } from '../store/index.ts'

export const PG_URL = process.env.CARDFLOW_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test'

async function reachable(): Promise<string | false> {
  // No server refuses at once; a busy one can take many seconds to accept: wait for it.
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 60_000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return false
  } catch (err) {
    const why = `needs PostgreSQL at ${describeStoreUrl(PG_URL)} (${(err as Error).message}); set CARDFLOW_TEST_POSTGRES to use another`
    if (process.env.CI) throw new Error(`CI: ${why}`)
    return why
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** false when the server answers, else the reason the PostgreSQL suites skip. */
export const PG_SKIP: string | false = await reachable()

/** Runs statements as the test's administrator, on a connection of its own. */
export async function admin<T>(work: (client: pg.Client) => Promise<T>, url = PG_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export function withParams(url: string, params: Record<string, string | number>): string {
  const u = new URL(url)
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, String(v))
  return u.toString()
}

export interface TestSchema {
  schema: string
  /** The store URL of this schema (extra parameters added). */
  url(params?: Record<string, string | number>): string
  drop(): Promise<void>
}

/** A new, unique schema name (created by the store that opens it first). */
export function freshSchema(tag: string): TestSchema {
  const schema = `cardflow_${tag}_${process.pid}_${randomBytes(4).toString('hex')}`
  return {
    schema,
    url: (params = {}) => withParams(PG_URL, { schema, ...params }),
    drop: () => admin((c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).then(() => undefined),
  }
}

/**
 * A TCP relay in front of the database, so a test can take the database away from an engine
 * (every connection cut, new ones refused) and give it back.
 */
export interface Relay {
  /** A store URL through the relay (to the given URL's database, parameters kept). */
  url(storeUrl: string): string
  cut(): Promise<void>
  restore(): Promise<void>
  close(): Promise<void>
}

export async function relayToPostgres(): Promise<Relay> {
  const target = new URL(PG_URL)
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((inbound) => {
        const outbound = connect(Number(target.port || 5432), target.hostname)
        for (const sock of [inbound, outbound]) {
          sockets.add(sock)
          sock.on('close', () => sockets.delete(sock))
          sock.on('error', () => undefined)
        }
        inbound.pipe(outbound).pipe(inbound)
        inbound.on('close', () => outbound.destroy())
        outbound.on('close', () => inbound.destroy())
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as { port: number }).port
        server = s
        resolve()
      })
    })
  await listen()
  const stop = async () => {
    const s = server
    server = undefined
    for (const sock of sockets) sock.destroy()
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
  }
  return {
    url(storeUrl) {
      const u = new URL(storeUrl)
      u.hostname = '127.0.0.1'
      u.port = String(port)
      return u.toString()
    },
    cut: stop,
    // the same port again, so URLs handed out before still lead here
    restore: listen,
    close: stop,
  }
}
