/**
 * A database of the bench's own on the PostgreSQL server (CARDFLOW_BENCH_POSTGRES, default
 * 127.0.0.1:5432 as user postgres), so that the server's counters are the bench's alone: the
 * transactions it committed (each store call is one statement, so one round trip) and the CPU
 * time of the server processes serving it, read from /proc.
 */
import { readFileSync } from 'node:fs'
import pg from 'pg'

const SERVER = process.env.CARDFLOW_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface BenchDatabase {
  name: string
  /** A store URL in this database, in a schema of its own. */
  storeUrl(schema: string): string
  /** Transactions committed or rolled back in this database so far. */
  transactions(): Promise<number>
  /** CPU seconds used so far by each server process connected to this database, by pid. */
  serverCpu(): Promise<Map<number, number>>
  drop(): Promise<void>
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

/** Undefined when no server answers (the bench then measures SQLite alone). */
export async function createBenchDatabase(): Promise<BenchDatabase | undefined> {
  const name = `cardflow_bench_${process.pid}`
  try {
    await withClient(SERVER, (c) => c.query(`CREATE DATABASE ${name}`))
  } catch (err) {
    console.log(`PostgreSQL at ${new URL(SERVER).host} not usable (${(err as Error).message}): measuring SQLite only`)
    return undefined
  }
  const url = new URL(SERVER)
  url.pathname = `/${name}`
  const admin = url.toString()
  return {
    name,
    storeUrl: (schema) => `${admin}?schema=${schema}`,
    transactions: () =>
      withClient(SERVER, async (c) => {
        const { rows } = await c.query('SELECT (xact_commit + xact_rollback)::float8 AS n FROM pg_stat_database WHERE datname = $1', [name])
        return Number(rows[0]?.n ?? 0)
      }),
    serverCpu: () =>
      withClient(SERVER, async (c) => {
        const { rows } = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])
        return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]))
      }),
    drop: () => withClient(SERVER, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  }
}

/** CPU seconds the server spent between two readings (processes that came later count whole). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0
  for (const [pid, cpu] of after) sum += cpu - (before.get(pid) ?? 0)
  return sum
}
