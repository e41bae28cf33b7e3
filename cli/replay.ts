/** `flow replay <runId>`: runs a stored run's original event or request again, as a new run. */
import type { Command } from 'commander'
import { registry } from '../cards/index.ts'
import { eventInputsOf } from '../engine/input.ts'
import { openStore, storeUrlFrom } from '../store/index.ts'
import { replayRun } from '../store/replay.ts'
import { EXIT } from './common.ts'

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('enqueue the stored event (or request) of a run again; the running `flow serve` runs it')
    .argument('<runId>', 'the run to replay (see `flow history`)')
    .option('--store <url>', 'the store: sqlite:<file> (default sqlite:.cardflow/cardflow.db, or CARDFLOW_STORE), or postgres://…')
    .option('--data <dir>', 'short for --store sqlite:<dir>/cardflow.db')
    .action(async (runId: string, flags: { store?: string; data?: string }) => {
      try {
        const store = await openStore(storeUrlFrom(flags), { create: false, eventInputs: eventInputsOf(registry) })
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
