/**
 * Table rows for `flow test`: fixtures named in a test file (`tables:`) or on the command line
 * (`--table name=file`), loaded into a temporary store, so a flow test never touches the rows a
 * served engine keeps. A fixture is a CSV file (a header of column names), a JSON file (a list of
 * rows), or, in a test file, the rows themselves.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { csvObjects } from '../engine/csv.ts'
import { ConfigError, InputError } from '../engine/errors.ts'
import { loadTablesNear } from '../engine/table-file.ts'
import { rowObject, type TableDef } from '../engine/tables.ts'
import { type TemporaryTables, type TableSeed, temporaryTables } from '../store/table-provider.ts'

type Rows = Record<string, unknown>[]

/** A fixture's rows: a list as it is, a file name read relative to `base`. */
export function fixtureRows(fixture: unknown, base: string, table: string): Rows {
  if (Array.isArray(fixture)) {
    if (fixture.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) return fixture as Rows
    throw new InputError(`fixture of table "${table}": a list of rows, each a map of column values`)
  }
  if (typeof fixture !== 'string') throw new InputError(`fixture of table "${table}": a CSV or JSON file name, or a list of rows`)
  const file = resolve(base, fixture)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new InputError(`fixture of table "${table}": cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`)
  }
  try {
    if (/\.json$/i.test(file)) return fixtureRows(JSON.parse(text), base, table)
    return csvObjects(text).rows
  } catch (err) {
    if (err instanceof InputError) throw err
    throw new InputError(`fixture ${file} of table "${table}": ${(err as Error).message}`)
  }
}

/** `--table people=fixtures/people.csv`, each at most once. */
export function tableOptions(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const v of values ?? []) {
    const at = v.indexOf('=')
    if (at <= 0 || at === v.length - 1) throw new ConfigError(`--table takes <table>=<file.csv|file.json> (got "${v}")`)
    const name = v.slice(0, at)
    if (name in out) throw new ConfigError(`--table names table "${name}" twice`)
    out[name] = v.slice(at + 1)
  }
  return out
}

/** The table definitions beside a flow file; a definition with a problem is a located error. */
export function definitionsNear(flowFile: string): Map<string, TableDef> {
  const { tables, errors } = loadTablesNear(flowFile)
  if (errors.length > 0) throw errors[0]!
  return tables
}

/** A temporary store holding the fixtures: each given as rows, or a file relative to its base. */
export async function fixtureTables(defs: ReadonlyMap<string, TableDef>, fixtures: { base: string; tables: Record<string, unknown> }[]): Promise<TemporaryTables> {
  const seed: TableSeed = {}
  for (const { base, tables } of fixtures) for (const [name, fixture] of Object.entries(tables)) seed[name] = fixtureRows(fixture, base, name)
  try {
    return await temporaryTables(defs, seed)
  } catch (err) {
    throw new InputError((err as Error).message)
  }
}

/** Every defined table's rows as cards give them, for a test file's `expect: {tables: …}`. */
export async function tableContents(defs: ReadonlyMap<string, TableDef>, t: TemporaryTables): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const def of defs.values()) out[def.name] = (await t.store.searchRows(def, { where: [] })).map((r) => rowObject(r, def.columns.map((c) => c.name)))
  return out
}
