/** The store's public surface. `openStore` is where a backend is chosen; today only SQLite. */
import { openSqliteStore, type SqliteStoreOptions } from './sqlite.ts'
import type { Store } from './store.ts'

export * from './store.ts'

export type StoreOptions = SqliteStoreOptions

/** Opens the store kept in a data directory (created when missing). */
export function openStore(dataDir: string, opts: StoreOptions = {}): Store {
  return openSqliteStore(dataDir, opts)
}
