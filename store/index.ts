/** The store's public surface. `openStore` is where a backend is chosen; today only SQLite. */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { DB_FILE, openSqliteStore, type SqliteStoreOptions } from './sqlite.ts'
import type { Store } from './store.ts'

export * from './store.ts'

export interface StoreOptions extends SqliteStoreOptions {
  /** Only open a store that exists (the history and replay commands); default true: create it. */
  create?: boolean
}

/** Opens the store kept in a data directory (created when missing, unless `create: false`). */
export function openStore(dataDir: string, opts: StoreOptions = {}): Store {
  if (opts.create === false && !existsSync(join(dataDir, DB_FILE))) {
    throw new Error(`no store in ${dataDir} (start \`flow serve --data ${dataDir}\` first)`)
  }
  // History holds personal data: a directory the engine creates is its owner's alone.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  return openSqliteStore(dataDir, opts)
}
