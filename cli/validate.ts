/** `flow validate <files…>`: every problem that can be known before an event arrives. */
import type { Command } from 'commander'
import { registry } from '../cards/index.ts'
import { loadConnections } from '../connectors/index.ts'
import { connectionProblems } from '../engine/connections.ts'
import type { CardflowError } from '../engine/errors.ts'
import { loadFlowFile } from '../engine/load.ts'
import { EXIT, printErrors } from './common.ts'
import { checkTestFile, isTestFile } from './test-file.ts'

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check flow files: YAML, card types, inputs, literal types, ids and references')
    .argument('<files...>', 'flow files (.yaml); test files (*.test.yaml) are checked as test files')
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
    else {
      const { plan, errors } = await loadFlowFile(file, registry)
      problems.push(...errors)
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
