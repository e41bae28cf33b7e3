/** The `flow` command: one file per subcommand, registered here. */
import { Command } from 'commander'
import { registerTest } from './test.ts'
import { registerValidate } from './validate.ts'
// more subcommands
import { registerImport } from './import.ts'
import { registerHistory } from './history.ts'
import { registerReplay } from './replay.ts'
import { registerServe } from './serve.ts'
import { registerGraph } from './graph.ts'
import { registerOktaHooks } from './okta-hooks.ts'
// (end of subcommands)

const program = new Command()
  .name('flow')
  .description('cardflow: Okta Workflows-style flows from YAML files')
  .version('0.1.0')
  .showHelpAfterError()
  // usage errors (unknown option, missing argument) exit 2 like ours; set before subcommands so they inherit it
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))

registerValidate(program)
registerTest(program)
// register more subcommands
registerImport(program)
registerServe(program)
registerHistory(program)
registerReplay(program)
registerGraph(program)
registerOktaHooks(program)
// (end of registrations)

await program.parseAsync(process.argv)
