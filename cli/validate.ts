/** `flow validate <files…>`: every problem that can be known before an event arrives. */
import type { Command } from 'commander'
import { registry } from '../cards/index.ts'
import { loadConnections } from '../connectors/index.ts'
import { connectionProblems } from '../engine/connections.ts'
import { type CardflowError, FlowReferenceError } from '../engine/errors.ts'
import type { FlowPlan, PlannedCard } from '../engine/check.ts'
import { loadFlowFile } from '../engine/load.ts'
import { isTableFile, loadTablesNear, readTableFile } from '../engine/table-file.ts'
import { EXIT, printErrors } from './common.ts'
import { checkTestFile, isTestFile } from './test-file.ts'

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check flow files: YAML, card types, inputs, literal types, ids and references')
    .argument('<files...>', 'flow files (.yaml); test files (*.test.yaml) and table definitions (tables/*.yaml) are checked as such')
    .option('--connections <file>', 'also check that every connector card has a configured connection')
    .action(async (files: string[], opts: { connections?: string }) => {
      process.exitCode = await validate(files, opts.connections)
    })
}

export async function validate(files: string[], connectionsFile?: string): Promise<number> {
  const connections = connectionsFile === undefined ? undefined : loadConnections({ file: connectionsFile })
  let failed = 0
  for (const file of files) {
    const problems: CardflowError[] = []
    if (isTestFile(file)) problems.push(...(await checkTestFile(file)))
    else if (isTableFile(file)) problems.push(...readTableFile(file).errors)
    else {
      const { plan, errors } = await loadFlowFile(file, registry)
      problems.push(...errors)
      if (plan) problems.push(...tableProblems(plan, file))
      if (plan && connections) problems.push(...connectionProblems(plan, connections))
    }
    if (problems.length > 0) {
      failed++
      printErrors(problems)
    }
  }
  const ok = files.length - failed
  process.stderr.write(`${ok} valid, ${failed} invalid\n`)
  return failed > 0 ? EXIT.failed : EXIT.ok
}

/** Tables cards naming, as a literal, a table no tables/<name>.yaml beside the flow defines (or a definition that does not read). */
export function tableProblems(plan: FlowPlan, file: string): CardflowError[] {
  const cards = (list: readonly PlannedCard[]): PlannedCard[] => list.flatMap((c) => [c, ...c.branches.flatMap(([, inner]) => cards(inner))])
  const users = cards(plan.cards).filter((c) => c.type.startsWith('table.'))
  if (users.length === 0) return []
  const { tables, errors } = loadTablesNear(file)
  const problems: CardflowError[] = [...errors]
  for (const c of users) {
    const node = c.inputs.find(([name]) => name === 'Table')?.[1]
    if (node?.kind === 'literal' && typeof node.value === 'string' && !tables.has(node.value)) {
      const known = [...tables.keys()]
      problems.push(new FlowReferenceError(`card "${c.id}": no table "${node.value}" (define it in tables/${node.value}.yaml beside the flow${known.length > 0 ? `; defined: ${known.join(', ')}` : ''})`, c.loc, c.id))
    }
  }
  return problems
}
