/**
 * The store's public surface. `openStore(url)` is where a backend is chosen, by the URL's scheme;
 * adding a backend is one entry in BACKENDS (and its module here in store/).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { ConfigError } from '../engine/errors.ts'
import type { EventInputs } from '../engine/input.ts'
import { describePostgresUrl } from './postgres-config.ts'
import { openPostgresStore } from './postgres.ts'
import { DB_FILE, openSqliteStore } from './sqlite.ts'
import type { Store } from './store.ts'

export * from './store.ts'

export interface OpenStoreOptions {
  /** Only open a store that exists (the history and replay commands); default true: create it. */
  create?: boolean
  /** How long a write waits for another writer's lock before giving up (ms). */
  busyTimeoutMs?: number
  /**
   * SQLite: how many queued runs' inputs this process keeps in memory for their first claim
   * (default 4,096); 0 for an engine that runs nothing, which would only hold them.
   */
  keptInputs?: number
  /**
   * SQLite: builds an event run's input again from its event (`eventInputsOf(registry)`): the
   * store then keeps such an input as its trigger card and delivery, and reads it with this.
   */
  eventInputs?: EventInputs
}

interface Backend {
  /** URL schemes it answers to, with the colon: `sqlite:`. */
  schemes: readonly string[]
  open(url: URL | string, opts: OpenStoreOptions): Promise<Store>
  /** The URL with any password hidden, for logs. */
  describe(url: string): string
}

/** The embedded default: one SQLite file. */
export const DEFAULT_STORE_URL = `sqlite:.cardflow/${DB_FILE}`

const sqlite: Backend = {
  schemes: ['sqlite:'],
  async open(url, opts) {
    const file = sqliteFile(String(url).slice('sqlite:'.length))
    if (opts.create === false && !existsSync(file)) {
      throw new ConfigError(`no store at ${file} (start \`flow serve --store sqlite:${file}\` first)`)
    }
    // History holds personal data: a directory the engine creates is its owner's alone.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    return openSqliteStore(file, opts)
  },
  describe: (url) => url,
}

/** Shared by any number of engines: `postgres://user@host:5432/db?schema=…&pool_size=…` (see postgres-config.ts). */
const postgres: Backend = {
  schemes: ['postgres:', 'postgresql:'],
  open: (url, opts) => openPostgresStore(String(url), describePostgresUrl(String(url)), opts),
  describe: describePostgresUrl,
}

const BACKENDS: readonly Backend[] = [sqlite, postgres]

/**
 * Opens the store at `url`: `sqlite:<file>` (a path ending in .db, .sqlite or .sqlite3; any other
 * path is a directory holding `cardflow.db`), a plain path, read the same way (the `--data`
 * shorthand), or `postgres://…` (a store several engines share).
 */
export function openStore(url: string, opts: OpenStoreOptions = {}): Promise<Store> {
  return backendOf(url).open(withScheme(url), opts)
}

/** The URL as it may be logged: no password. */
export function describeStoreUrl(url: string): string {
  return backendOf(url).describe(withScheme(url))
}

/** `--store`, else `--data` (a directory), else CARDFLOW_STORE, else the embedded default. */
export function storeUrlFrom(flags: { store?: string | undefined; data?: string | undefined }, env: NodeJS.ProcessEnv = process.env): string {
  if (flags.store !== undefined && flags.data !== undefined) throw new ConfigError('give --store or --data, not both (--data <dir> is short for --store sqlite:<dir>)')
  const url = flags.store ?? (flags.data !== undefined ? `sqlite:${flags.data}` : undefined) ?? env.CARDFLOW_STORE ?? DEFAULT_STORE_URL
  backendOf(url)
  return withScheme(url)
}

function withScheme(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) && !/^[a-z]:[\\/]/i.test(url) ? url : `sqlite:${url}`
}

function backendOf(url: string): Backend {
  const full = withScheme(url)
  const scheme = full.slice(0, full.indexOf(':') + 1).toLowerCase()
  const backend = BACKENDS.find((b) => b.schemes.includes(scheme))
  if (!backend) {
    const known = BACKENDS.flatMap((b) => b.schemes).join(', ')
    throw new ConfigError(`no store backend for "${scheme}" URLs (known: ${known})`)
  }
  return backend
}

/** A database file ends in .db, .sqlite or .sqlite3; any other path is a directory holding `cardflow.db`. */
function sqliteFile(path: string): string {
  const p = path === '' ? '.cardflow' : path
  if (existsSync(p) ? statSync(p).isDirectory() : !/\.(db|db3|sqlite|sqlite3)$/i.test(p)) return join(p, DB_FILE)
  return p
}
