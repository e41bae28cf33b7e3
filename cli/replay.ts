/** `flow replay <runId>`: runs a stored run's original event or request again, as a new run. */
import type { Command } from 'commander'
import { openStore } from '../store/index.ts'
import { replayRun } from '../server/replay.ts'
import { EXIT } from './common.ts'

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('enqueue the stored event (or request) of a run again; the running `flow serve` runs it')
    .argument('<runId>', 'the run to replay (see `flow history`)')
    .option('--data <dir>', 'directory of the store', '.cardflow')
    .action(async (runId: string, flags: { data: string }) => {
      try {
        const store = openStore(flags.data, { create: false })
        try {
          process.stdout.write(`${await replayRun(store, runId)}\n`)
        } finally {
          await store.close()
        }
      } catch (err) {
        process.stderr.write(`flow replay: ${(err as Error).message}\n`)
        process.exitCode = EXIT.failed
      }
    })
}
