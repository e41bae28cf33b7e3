/**
 * A run's tables from a store: the definitions (tables/<name>.yaml) and the store's rows. And a
 * temporary store for `flow test` and card examples: SQLite in memory, seeded from fixtures, gone
 * when closed, so a test never touches the rows a served engine keeps.
 */
import { newRowValues, type RowValues, type TableDef, type TableProvider } from '../engine/tables.ts'
import { openSqliteStore } from './sqlite.ts'
import type { Store } from './store.ts'

export function tableProvider(store: Store, definitions: ReadonlyMap<string, TableDef> | (() => ReadonlyMap<string, TableDef>)): TableProvider {
  const defs = typeof definitions === 'function' ? definitions : () => definitions
  return { definition: (name) => defs().get(name), rows: store }
}

/** Fixture rows of a table: values by column, each converted for its column (defaults filled in). */
export type TableSeed = Record<string, readonly Record<string, unknown>[]>

export interface TemporaryTables {
  provider: TableProvider
  store: Store
  close(): Promise<void>
}

export async function temporaryTables(definitions: ReadonlyMap<string, TableDef>, seed: TableSeed = {}, at?: Date): Promise<TemporaryTables> {
  const store = await openSqliteStore(':memory:')
  try {
    for (const [name, rows] of Object.entries(seed)) {
      const def = definitions.get(name)
      if (!def) throw new Error(`fixture rows for table "${name}", which no tables/${name}.yaml defines`)
      const values: RowValues[] = rows.map((r, i) => {
        try {
          return newRowValues(def, r)
        } catch (err) {
          throw new Error(`fixture row ${i + 1} of table "${name}": ${(err as Error).message}`)
        }
      })
      await store.insertRows(name, values, at)
    }
  } catch (err) {
    await store.close()
    throw err
  }
  return { provider: tableProvider(store, definitions), store, close: () => store.close() }
}
