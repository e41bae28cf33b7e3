/**
 * A `postgres://` store URL read once: the connection (anything node-postgres and libpq take:
 * host, port, user, password, database, `sslmode`, `application_name`…) and cardflow's own
 * parameters, which are taken out before the rest reaches the driver:
 *
 * - `schema`: the PostgreSQL schema holding cardflow's tables (default `public`), so one
 *   database can hold several stores, or cardflow beside other applications;
 * - `pool_size`: connections each engine keeps at most (default 10);
 * - `statement_timeout`: ms a statement may take before the database cancels it (default 5000).
 */
import { hostname } from 'node:os'
import type pg from 'pg'
import { ConfigError } from '../engine/errors.ts'

export interface PostgresSettings {
  /** Pool configuration for node-postgres (without the cardflow parameters). */
  pool: pg.PoolConfig
  /** A config for one more connection outside the pool (the LISTEN connection). */
  client: pg.ClientConfig
  schema: string
  /** This process, as its claims and its connections name it. */
  engineId: string
}

const DEFAULTS = { poolSize: 10, statementTimeoutMs: 5000, connectTimeoutMs: 5000 }
/** Lower case, so it needs no quoting and matches what `TG_TABLE_SCHEMA` reports; short enough for a channel name. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,39}$/

function whole(params: URLSearchParams, name: string, fallback: number, min: number): number {
  const text = params.get(name)
  params.delete(name)
  if (text === null) return fallback
  const n = Number(text)
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`store URL: ${name} must be a whole number of at least ${min} (got "${text}")`)
  return n
}

export function postgresSettings(url: string): PostgresSettings {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ConfigError(`store URL is not a valid URL: ${describePostgresUrl(url)}`)
  }
  const params = parsed.searchParams
  const schema = params.get('schema') ?? 'public'
  params.delete('schema')
  if (!SCHEMA_NAME.test(schema)) throw new ConfigError(`store URL: schema must be lower case letters, digits and _, at most 40 (got "${schema}")`)
  // The exclusive chores hold one pooled connection while their work takes another.
  const max = whole(params, 'pool_size', DEFAULTS.poolSize, 2)
  const statementTimeout = whole(params, 'statement_timeout', DEFAULTS.statementTimeoutMs, 1)
  const engineId = `${hostname()}:${process.pid}`
  // The URL's own `options` would replace ours in the driver: ours are added to them instead.
  const options = [params.get('options'), `-c search_path=${schema}`].filter((o) => o !== null).join(' ')
  params.delete('options')
  const connection: pg.ClientConfig = {
    connectionString: parsed.toString(),
    application_name: `cardflow ${engineId}`.slice(0, 63),
    options,
    statement_timeout: statementTimeout,
    // the database cancels a slow statement; this ends the wait when the database itself is gone
    query_timeout: statementTimeout + 2000,
    // a transaction left open by a frozen engine must not hold its locks for long
    idle_in_transaction_session_timeout: Math.max(statementTimeout, 10_000),
    connectionTimeoutMillis: DEFAULTS.connectTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  }
  return {
    pool: { ...connection, max, idleTimeoutMillis: 30_000 },
    client: { ...connection, query_timeout: undefined },
    schema,
    engineId,
  }
}

/** The URL with its password hidden, for logs and messages. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    for (const key of [...parsed.searchParams.keys()]) if (/pass|secret|key/i.test(key)) parsed.searchParams.set(key, '***')
    return parsed.toString()
  } catch {
    // not parseable: show only the scheme, whatever else it holds
    return `${url.slice(0, url.indexOf(':') + 1)}//…`
  }
}

/**
 * A statement that may rightly take long (a migration, a large prune): the client does not give
 * up on it; the server's statement timeout, set for the transaction, bounds it instead.
 */
export function untimed(text: string, values: unknown[] = []): pg.QueryConfig {
  // node-postgres reads query_timeout per query too; its typings do not list it
  return { text, values, query_timeout: 24 * 3600 * 1000 } as pg.QueryConfig
}
