/** The `flow` command: one file per subcommand, registered here. */
import { Command } from 'commander'
import { registerTest } from './test.ts'
import { registerValidate } from './validate.ts'
import { registerImport } from './import.ts'
import { registerHistory } from './history.ts'
import { registerReplay } from './replay.ts'
import { registerServe } from './serve.ts'
import { registerGraph } from './graph.ts'
import { registerOktaHooks } from './okta-hooks.ts'
import { registerTable } from './table.ts'
import { registerRun } from './run.ts'
import { registerSchedule } from './schedule.ts'

/** The `flow` command with every subcommand, for bin/flow.js (and for tests that read its help). */
export function buildProgram(): Command {
  const program = new Command()
    .name('flow')
    .description('cardflow: Okta Workflows-style flows from YAML files')
    .version('0.1.0')
    .showHelpAfterError()
    // usage errors (unknown option, missing argument) exit 2 like ours; set before subcommands so they inherit it
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))

  registerValidate(program)
  registerTest(program)
  registerImport(program)
  registerServe(program)
  registerHistory(program)
  registerReplay(program)
  registerRun(program)
  registerSchedule(program)
  registerGraph(program)
  registerOktaHooks(program)
  registerTable(program)
  return program
}
