/**
 * `flow table`: the tables defined beside the flows and the rows a served engine's store keeps
 * of them: list the tables, show rows, import and export CSV.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { csvDelimiter, csvObjects, toCsv } from '../engine/csv.ts'
import { CardflowError, ConfigError } from '../engine/errors.ts'
import { loadTables } from '../engine/table-file.ts'
import { MAX_SEARCH_ROWS, newRowValues, rowObject, type TableDef } from '../engine/tables.ts'
import { openStore, type Store, storeUrlFrom } from '../store/index.ts'
import { csvColumns } from '../cards/table/import-from-csv.ts'
import { EXIT, printErrors } from './common.ts'

interface TableFlags {
  flows: string
  store?: string
  data?: string
}

const storeOptions = (cmd: Command) =>
  cmd
    .option('--flows <dir>', 'the flows directory; tables are defined in its tables/ folder', 'flows')
    .option('--store <url>', 'the store: sqlite:<file> (default sqlite:.cardflow/cardflow.db, or CARDFLOW_STORE), or postgres://…')
    .option('--data <dir>', 'short for --store sqlite:<dir>/cardflow.db')

export function registerTable(program: Command): void {
  const table = program.command('table').description("the tables beside the flows (tables/<name>.yaml) and the rows a served engine's store keeps")
  storeOptions(table.command('list').description('list the tables with their columns and how many rows the store holds')).action((flags: TableFlags) =>
    act(async () => withStore(flags, false, (store, defs) => list(store, defs))),
  )
  storeOptions(table.command('rows').description("show a table's rows").argument('<table>'))
    .option('--limit <n>', 'at most this many rows', '100')
    .option('--json', 'print JSON')
    .action((name: string, flags: TableFlags & { limit: string; json?: boolean }) => act(async () => withStore(flags, false, (store, defs) => rows(store, defOf(defs, name), flags))))
  storeOptions(table.command('import').description('add the records of a CSV file (header: column names) to a table, all or none').argument('<table>').argument('<file.csv>'))
    .option('--delimiter <char>', 'the character between fields', ',')
    .option('--replace', 'delete the rows the table holds first (in a separate step)')
    .action((name: string, file: string, flags: TableFlags & { delimiter: string; replace?: boolean }) =>
      act(async () => withStore(flags, true, (store, defs) => importCsv(store, defOf(defs, name), file, flags))),
    )
  storeOptions(table.command('export').description("write a table's rows as CSV (to stdout, or a file)").argument('<table>'))
    .option('-o, --out <file.csv>', 'write to this file')
    .option('--delimiter <char>', 'the character between fields', ',')
    .addHelpText('after', '\nExamples:\n  flow table list --flows examples/sign-ins\n  flow table export sign-ins --flows examples/sign-ins -o sign-ins.csv')
    .action((name: string, flags: TableFlags & { out?: string; delimiter: string }) => act(async () => withStore(flags, false, (store, defs) => exportCsv(store, defOf(defs, name), flags))))
}

async function act(work: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await work()
  } catch (err) {
    if (err instanceof CardflowError) printErrors([err])
    else process.stderr.write(`flow table: ${(err as Error).message}\n`)
    process.exitCode = EXIT.invalid
  }
}

async function withStore(flags: TableFlags, create: boolean, work: (store: Store, defs: Map<string, TableDef>) => Promise<number>): Promise<number> {
  const { tables, errors } = loadTables(flags.flows)
  if (errors.length > 0) {
    printErrors(errors)
    return EXIT.invalid
  }
  const store = await openStore(storeUrlFrom(flags), { create })
  try {
    return await work(store, tables)
  } finally {
    await store.close()
  }
}

function defOf(defs: Map<string, TableDef>, name: string): TableDef {
  const def = defs.get(name)
  if (!def) throw new ConfigError(`no table "${name}" (defined: ${[...defs.keys()].join(', ') || 'none'}; a table is a tables/<name>.yaml in the flows directory)`)
  return def
}

async function list(store: Store, defs: Map<string, TableDef>): Promise<number> {
  if (defs.size === 0) process.stdout.write('no tables\n')
  for (const def of defs.values()) {
    const columns = def.columns.map((c) => `${c.name} (${c.type})`).join(', ')
    process.stdout.write(`${def.name}  ${await store.countRows(def.name)} rows  ${columns}\n`)
  }
  return EXIT.ok
}

async function rows(store: Store, def: TableDef, flags: { limit: string; json?: boolean }): Promise<number> {
  const limit = Number(flags.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_ROWS) throw new ConfigError(`--limit must be a whole number from 1 to ${MAX_SEARCH_ROWS} (got "${flags.limit}")`)
  const found = (await store.searchRows(def, { where: [], limit })).map((r) => rowObject(r, def.columns.map((c) => c.name)))
  if (flags.json) process.stdout.write(`${JSON.stringify(found, null, 2)}\n`)
  else process.stdout.write(found.length === 0 ? 'no rows\n' : toCsv(['Row ID', ...def.columns.map((c) => c.name), 'Updated'], found).replaceAll('\r\n', '\n'))
  return EXIT.ok
}

async function importCsv(store: Store, def: TableDef, file: string, flags: { delimiter: string; replace?: boolean }): Promise<number> {
  const { header, rows: records } = csvObjects(readFileSync(file, 'utf8'), csvDelimiter(flags.delimiter))
  const columns = csvColumns(def, header, undefined, undefined)
  const values = records.map((record, i) => {
    try {
      return newRowValues(def, Object.fromEntries([...columns].map(([from, to]) => [to, record[from]])))
    } catch (err) {
      throw new Error(`${file}: record ${i + 2}: ${(err as Error).message}`)
    }
  })
  const cleared = flags.replace ? await store.clearTable(def.name) : 0
  const added = await store.insertRows(def.name, values)
  process.stderr.write(`${flags.replace ? `${cleared} row(s) deleted, ` : ''}${added.length} row(s) added to ${def.name}\n`)
  return EXIT.ok
}

async function exportCsv(store: Store, def: TableDef, flags: { out?: string; delimiter: string }): Promise<number> {
  const columns = def.columns.map((c) => c.name)
  const all = []
  // the whole table, a search's worth of rows at a time
  for (let offset = 0; ; offset += MAX_SEARCH_ROWS) {
    const page = await store.searchRows(def, { where: [], limit: MAX_SEARCH_ROWS, offset })
    all.push(...page.map((r) => r.values))
    if (page.length < MAX_SEARCH_ROWS) break
  }
  const text = toCsv(columns, all, csvDelimiter(flags.delimiter))
  if (flags.out) {
    writeFileSync(flags.out, text)
    process.stderr.write(`${all.length} row(s) of ${def.name} written to ${flags.out}\n`)
  } else process.stdout.write(text)
  return EXIT.ok
}
