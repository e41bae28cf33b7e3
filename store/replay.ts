/** Replay: the stored trigger input (and event) of a run, enqueued again as a new run. */
import { CardflowError } from '../engine/errors.ts'
import { newRunId, type Store } from './store.ts'

/** The run cannot be replayed (unknown, or stored without its input). */
export class ReplayError extends CardflowError {
  constructor(message: string) {
    super('REPLAY', message)
  }
}

/** Enqueues the run's original input as a new run; a running engine on the same store picks it up. */
export async function replayRun(store: Store, runId: string): Promise<string> {
  const run = await store.getRun(runId)
  if (!run) throw new ReplayError(`no run ${runId} in the store`)
  if (!run.input && !run.inputError) throw new ReplayError(`run ${runId} has no stored input to replay`)
  const id = newRunId()
  await store.enqueueRun({
    id,
    flow: run.flow,
    source: 'replay',
    replayOf: run.id,
    ...(run.eventUuid && { eventUuid: run.eventUuid }),
    ...(run.input && { input: run.input }),
    ...(run.inputError && { inputError: run.inputError }),
  })
  return id
}
