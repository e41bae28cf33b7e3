/** `flow test`: run a flow on a JSON input the way Okta's Test button does, or run test files. */
import type { Command } from 'commander'
import type { FlowPlan } from '../engine/check.ts'
import { registry } from '../cards/index.ts'
import { loadConnections } from '../connectors/index.ts'
import { CardflowError } from '../engine/errors.ts'
import type { RunRecord } from '../engine/history.ts'
import type { Invocation } from '../engine/input.ts'
import { invocationsFromInput } from '../connectors/okta/input.ts'
import { loadFlowFile } from '../engine/load.ts'
import { runFlow } from '../engine/run.ts'
import { EXIT, printErrors, readJsonFile, useColor } from './common.ts'
import { formatRun } from './format.ts'
import { definitionsNear, fixtureTables, tableOptions } from './table-fixtures.ts'
import { isTestFile, runTestFiles } from './test-file.ts'

interface TestOptions {
  input?: string
  json?: boolean
  full?: boolean
  dryRun?: boolean
  connections?: string
  table?: string[]
}

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('run a flow on a JSON input and print its history, or run .test.yaml files')
    .argument('<files...>', 'a flow file with --input, or test files (*.test.yaml)')
    .option('-i, --input <file.json>', 'trigger outputs in the shape of Okta\'s docs, an event hook body or a System Log event')
    .option('--json', 'print the run as JSON (one line per run when the input holds several events)')
    .option('--full', 'show every value whole in the text history (long values are cut otherwise)')
    .option('--dry-run', 'record the requests connector cards would send instead of sending them')
    .option('--connections <file>', 'connections file (default: $CARDFLOW_CONNECTIONS or ./cardflow.connections.yaml)')
    .option('--table <name=file>', 'rows of a table for the run, from a CSV or JSON file (repeatable); Tables cards run on a temporary store holding them', (v: string, all: string[] = []) => [...all, v])
    .addHelpText(
      'after',
      '\nExit codes: 0 succeeded or stopped, 1 failed, 2 invalid flow, input or usage.\n' +
        'Examples:\n  flow test flows/notify-user-on-profile-update.yaml --input examples/profile-updated-docs-shape.json --dry-run\n' +
        '  flow test flows/*.test.yaml',
    )
    .action(async (files: string[], opts: TestOptions) => {
      process.exitCode = await test(files, opts)
    })
}

export async function test(files: string[], opts: TestOptions): Promise<number> {
  const testFiles = files.filter(isTestFile)
  let tables: Record<string, string>
  try {
    tables = tableOptions(opts.table)
  } catch (err) {
    printErrors([err as CardflowError])
    return EXIT.invalid
  }
  if (testFiles.length > 0) {
    if (testFiles.length !== files.length || opts.input) {
      process.stderr.write('flow test: give either test files (*.test.yaml) or one flow file with --input\n')
      return EXIT.invalid
    }
    return runTestFiles(testFiles, { connections: opts.connections, tables })
  }
  if (files.length !== 1 || !opts.input) {
    process.stderr.write('flow test: give one flow file and --input <file.json> (or test files *.test.yaml)\n')
    return EXIT.invalid
  }
  try {
    return await testFlow(files[0]!, opts.input, opts, tables)
  } catch (err) {
    if (err instanceof CardflowError) {
      printErrors([err])
      return EXIT.invalid
    }
    throw err
  }
}

async function testFlow(file: string, inputFile: string, opts: TestOptions, fixtures: Record<string, string>): Promise<number> {
  const { plan, errors } = await loadFlowFile(file, registry)
  if (!plan) {
    printErrors(errors)
    return EXIT.invalid
  }
  const invocations = invocationsFromInput(plan.trigger, readJsonFile(inputFile))
  const connections = opts.dryRun ? undefined : loadConnections(opts.connections === undefined ? {} : { file: opts.connections })
  // Tables cards run on a temporary store holding the --table fixtures, never a served engine's rows
  const tables = await fixtureTables(definitionsNear(file), [{ base: process.cwd(), tables: fixtures }])
  let code: number = EXIT.ok
  try {
    for (const inv of invocations) {
      const run = await invoke(plan, inv, { dryRun: opts.dryRun ?? false, connections, tables: tables.provider })
      if (run && run.status === 'failed') code = EXIT.failed
      print(plan, inv, run, opts)
    }
  } finally {
    await tables.close()
  }
  return code
}

function invoke(plan: FlowPlan, inv: Invocation, opts: Parameters<typeof runFlow>[2]): Promise<RunRecord> | undefined {
  return inv.kind === 'run' ? runFlow(plan, inv.outputs, opts) : undefined
}

function print(plan: FlowPlan, inv: Invocation, run: RunRecord | undefined, opts: TestOptions): void {
  const json = opts.json ?? false
  if (inv.kind === 'skip') {
    const note = { status: 'skipped', flow: plan.name, flowFile: plan.file, input: inv.label, reason: inv.reason }
    process.stdout.write(json ? `${JSON.stringify(note)}\n` : `${plan.name}: ${inv.label} does not run the flow: ${inv.reason}\n`)
    return
  }
  if (!run) return
  process.stdout.write(json ? `${JSON.stringify(run)}\n` : `${formatRun(run, { color: useColor(), full: opts.full ?? false })}\n\n`)
}
