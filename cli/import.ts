/** `flow import <export> [-o dir]` (`.flopack`, `.folder` or `.flow`), and `flow import --report <dir>` over many exports. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Command } from 'commander'
import { registry } from '../cards/index.ts'
import { loadFlowSource } from '../engine/load.ts'
import { FlopackError, importFlopackWithTables } from '../importer/index.ts'
import { reportDir, reportTable, unknownCards } from '../importer/report.ts'
import { EXIT } from './common.ts'
import { tableProblems } from './validate.ts'

interface ImportOptions {
  out: string
  report?: boolean
  json?: boolean
  force?: boolean
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('turn an Okta Workflows export (.flopack, .folder or .flow) into flow files, one per flow, helper flows included')
    .argument('<path>', 'a .flopack, .folder or .flow file, or with --report a folder of exports')
    .option('-o, --out <dir>', 'where to write the flow files', 'flows')
    .option('--force', 'overwrite flow files that already exist')
    .option('--report', 'for each export under <path>: flows found, cards supported, whether the result validates')
    .option('--json', 'with --report, print JSON')
    .action((path: string, opts: ImportOptions) => {
      process.exitCode = opts.report ? report(path, opts.json ?? false) : importFile(path, opts)
    })
}

function report(dir: string, json: boolean): number {
  if (!existsSync(dir)) {
    process.stderr.write(`${dir}: no such folder\n`)
    return EXIT.invalid
  }
  const reports = reportDir(dir, registry)
  process.stdout.write(json ? `${JSON.stringify({ exports: reports, unknown: unknownCards(reports) }, null, 2)}\n` : `${reportTable(reports)}\n`)
  return reports.some((r) => r.error || r.problems.length > 0) ? EXIT.failed : EXIT.ok
}

function importFile(file: string, opts: ImportOptions): number {
  let flows: ReturnType<typeof importFlopackWithTables>['flows']
  let tables: ReturnType<typeof importFlopackWithTables>['tables']
  try {
    ;({ flows, tables } = importFlopackWithTables(readFileSync(file, 'utf8'), file, registry))
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? `${file}: no such file` : (err as Error).message
    process.stderr.write(`${err instanceof FlopackError ? '' : 'cannot import: '}${reason}\n`)
    return EXIT.invalid
  }
  const tableFiles = tables.flatMap((t) => [{ file: t.file, text: t.yaml }, ...(t.rows ? [{ file: t.rows.file, text: t.rows.csv }] : [])])
  const existing = [...flows.map((f) => f.file), ...tableFiles.map((t) => t.file)].map((f) => join(opts.out, f)).filter((p) => existsSync(p))
  if (existing.length > 0 && !opts.force) {
    process.stderr.write(`would overwrite ${existing.join(', ')}; use --force or another --out folder\n`)
    return EXIT.invalid
  }
  mkdirSync(opts.out, { recursive: true })
  // tables first: the flows that use them validate against them
  if (tables.length > 0) mkdirSync(join(opts.out, 'tables'), { recursive: true })
  for (const t of tableFiles) writeFileSync(join(opts.out, t.file), t.text)
  for (const t of tables) {
    const rows = t.rows ? `, ${t.rows.count} row(s) in ${join(opts.out, t.rows.file)} (load them with flow table import)` : ''
    process.stdout.write(`${join(opts.out, t.file)}  table, ${t.def.columns.length} column(s)${rows}\n`)
    for (const note of t.notes) process.stdout.write(`  note: ${note}\n`)
  }
  let unsupported = 0
  for (const { flow, file: name, yaml } of flows) {
    const path = join(opts.out, name)
    writeFileSync(path, yaml)
    const { errors, plan } = loadFlowSource(yaml, path, registry)
    if (plan) errors.push(...tableProblems(plan, path))
    unsupported += flow.unsupported.length
    const status = errors.length === 0 ? 'valid' : `${errors.length} problem(s): run flow validate ${path}`
    process.stdout.write(`${path}  ${flow.cardCount} cards, ${flow.unsupported.length} unsupported, ${status}\n`)
  }
  process.stderr.write(`${flows.length} flow(s)${tables.length > 0 ? ` and ${tables.length} table(s)` : ''} written to ${opts.out}${unsupported > 0 ? `; ${unsupported} unsupported card(s) kept for you to replace` : ''}\n`)
  return EXIT.ok
}
