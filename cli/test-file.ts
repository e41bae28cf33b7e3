/**
 * Flow test files (`*.test.yaml`): cases of input and expected result, as partial matches, so a
 * team keeps flow tests in CI. Ends with `N passed, N failed`.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { registry } from '../cards/index.ts'
import { linearRegExp } from '../cards/lib/regex.ts'
import { loadConnections } from '../connectors/index.ts'
import { CardflowError, formatLocation, InputError, type SourceLocation } from '../engine/errors.ts'
import type { RunRecord } from '../engine/history.ts'
import { invocationsFromInput } from '../connectors/okta/input.ts'
import { loadFlowFile } from '../engine/load.ts'
import { entry, parseYaml, toPlain, type YMap, type YNode } from '../engine/parse.ts'
import { runFlow } from '../engine/run.ts'
import { EXIT, readJsonFile } from './common.ts'
import { definitionsNear, fixtureTables, tableContents } from './table-fixtures.ts'

interface TestCase {
  name: string
  loc: SourceLocation
  input: unknown
  dryRun: boolean
  /** One expectation for every run, or one per run in order. */
  expect: unknown
  /** Fixture rows of tables for this case, by table: over the file's. */
  tables: Record<string, unknown>
}

/** Where a case's table rows come from: the file's fixtures, the case's, then the command line's. */
export interface TableFixtures {
  file: { base: string; tables: Record<string, unknown> }
  command: { base: string; tables: Record<string, unknown> }
}

/** Checks `expected` against `actual`; objects match by the keys given, `/re/` strings as patterns. */
export function partialMatch(expected: unknown, actual: unknown, path = ''): string[] {
  const at = path || '(run)'
  if (typeof expected === 'string' && expected.length > 2 && expected.startsWith('/') && expected.endsWith('/')) {
    let pattern: RegExp
    try {
      pattern = linearRegExp(expected.slice(1, -1))
    } catch (err) {
      return [`${at}: bad pattern ${expected}: ${(err as Error).message}`]
    }
    const ok = pattern.test(typeof actual === 'string' ? actual : (JSON.stringify(actual) ?? ''))
    return ok ? [] : [`${at}: expected to match ${expected}, got ${JSON.stringify(actual)}`]
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected a list, got ${JSON.stringify(actual)}`]
    if (actual.length !== expected.length) return [`${at}: expected ${expected.length} items, got ${actual.length}: ${JSON.stringify(actual)}`]
    return expected.flatMap((e, i) => partialMatch(e, actual[i], `${path}[${i}]`))
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${at}: expected an object, got ${JSON.stringify(actual)}`]
    return Object.entries(expected).flatMap(([k, e]) => partialMatch(e, (actual as Record<string, unknown>)[k], path ? `${path}.${k}` : k))
  }
  return isDeepStrictEqual(expected, actual) ? [] : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`]
}

/** The run as test files see it: cards keyed by id. */
function view(run: RunRecord): Record<string, unknown> {
  return { ...run, cards: Object.fromEntries(run.cards.map((c) => [c.id, c])) }
}

function readTestFile(file: string): { flow: string; cases: TestCase[]; tables: Record<string, unknown> } {
  const text = readFileSync(file, 'utf8')
  const parsed = parseYaml(text, file)
  if (!parsed.root) throw parsed.errors[0]!
  const root = parsed.root
  const fail = (msg: string, node: YNode): never => {
    throw new InputError(msg, node.loc)
  }
  if (root.kind !== 'map') fail('a test file is a map with flow and cases', root)
  const map = root as YMap
  const flowNode = entry(map, 'flow')?.value
  if (flowNode?.kind !== 'scalar' || typeof flowNode.value !== 'string') return fail('"flow" must name the flow file, relative to this file', flowNode ?? root)
  const casesNode = entry(map, 'cases')?.value
  if (casesNode?.kind !== 'seq') return fail('"cases" must be a list of cases', casesNode ?? root)
  const base = dirname(file)
  const tablesOf = (node: YNode | undefined): Record<string, unknown> => {
    if (!node) return {}
    if (node.kind !== 'map') return fail('"tables" maps a table to its fixture: a CSV or JSON file, or a list of rows', node)
    return toPlain(node) as Record<string, unknown>
  }
  const cases = casesNode.items.map((node, i): TestCase => {
    if (node.kind !== 'map') return fail('a case is a map with name, input and expect', node)
    const plain = toPlain(node) as Record<string, unknown>
    const inputNode = entry(node, 'input')?.value
    if (!inputNode) return fail('case needs "input" (a JSON file path or the input itself)', node)
    const input = typeof plain.input === 'string' ? readJsonFile(resolve(base, plain.input)) : plain.input
    const tables = tablesOf(entry(node, 'tables')?.value)
    return { name: typeof plain.name === 'string' ? plain.name : `case ${i + 1}`, loc: node.loc, input, dryRun: plain.dryRun !== false, expect: plain.expect ?? {}, tables }
  })
  return { flow: resolve(base, flowNode.value), cases, tables: tablesOf(entry(map, 'tables')?.value) }
}

async function runCase(tc: TestCase, flowFile: string, connectionsFile: string | undefined, fixtures: TableFixtures): Promise<string[]> {
  const { plan, errors } = await loadFlowFile(flowFile, registry)
  if (!plan) return errors.map((e) => e.describe())
  const connections = tc.dryRun ? undefined : loadConnections(connectionsFile === undefined ? {} : { file: connectionsFile })
  // each case on its own temporary tables, holding the fixtures: never the served engine's rows
  const defs = definitionsNear(flowFile)
  const tables = await fixtureTables(defs, [fixtures.file, { base: fixtures.file.base, tables: tc.tables }, fixtures.command])
  const runs: Record<string, unknown>[] = []
  try {
    for (const inv of invocationsFromInput(plan.trigger, tc.input)) {
      if (inv.kind === 'skip') runs.push({ status: 'skipped', reason: inv.reason })
      else {
        const run = view(await runFlow(plan, inv.outputs, { dryRun: tc.dryRun, connections, tables: tables.provider }))
        runs.push(defs.size > 0 ? { ...run, tables: await tableContents(defs, tables) } : run)
      }
    }
  } finally {
    await tables.close()
  }
  if (Array.isArray(tc.expect)) {
    if (tc.expect.length !== runs.length) return [`expected ${tc.expect.length} runs, got ${runs.length}`]
    return tc.expect.flatMap((e, i) => partialMatch(e, runs[i], `runs[${i}]`))
  }
  return runs.flatMap((run) => partialMatch(tc.expect, run))
}

/** `flow validate` on a test file: it reads (cases, inputs) and the flow it names checks. */
export async function checkTestFile(file: string): Promise<CardflowError[]> {
  let suite: ReturnType<typeof readTestFile>
  try {
    suite = readTestFile(file)
  } catch (err) {
    if (err instanceof CardflowError) return [err]
    throw err
  }
  return (await loadFlowFile(suite.flow, registry)).errors
}

/** `*.test.yaml` (or .yml) names a test file. */
export function isTestFile(file: string): boolean {
  return /\.test\.ya?ml$/.test(file)
}

export async function runTestFiles(files: string[], opts: { connections: string | undefined; tables?: Record<string, string> }): Promise<number> {
  let passed = 0
  let failed = 0
  for (const file of files) {
    let suite: ReturnType<typeof readTestFile>
    try {
      suite = readTestFile(file)
    } catch (err) {
      if (!(err instanceof CardflowError)) throw err
      process.stdout.write(`✗ ${err.describe()}\n`)
      failed++
      continue
    }
    process.stdout.write(`${file}\n`)
    for (const tc of suite.cases) {
      let problems: string[]
      try {
        const fixtures = { file: { base: dirname(file), tables: suite.tables }, command: { base: process.cwd(), tables: opts.tables ?? {} } }
        problems = await runCase(tc, suite.flow, opts.connections, fixtures)
      } catch (err) {
        if (!(err instanceof CardflowError)) throw err
        problems = [err.describe()]
      }
      if (problems.length === 0) passed++
      else failed++
      process.stdout.write(`  ${problems.length === 0 ? '✓' : '✗'} ${tc.name}\n`)
      for (const p of problems) process.stdout.write(`      ${formatLocation(tc.loc)}: ${p}\n`)
    }
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`)
  return failed > 0 ? EXIT.failed : EXIT.ok
}
