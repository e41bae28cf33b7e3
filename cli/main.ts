/** The `flow` command: one file per subcommand, registered here. */
import { Command } from 'commander'
import { registerTest } from './test.ts'
import { registerValidate } from './validate.ts'
// more subcommands
// (end of subcommands)

const program = new Command()
  .name('flow')
  .description('cardflow: Okta Workflows-style flows from YAML files')
  .version('0.1.0')
  .showHelpAfterError()

registerValidate(program)
registerTest(program)
// register more subcommands
// (end of registrations)

program.exitOverride((err) => {
  // commander's own usage errors (unknown option, missing argument) exit 2 like ours
  process.exit(err.exitCode === 0 ? 0 : 2)
})

await program.parseAsync(process.argv)
