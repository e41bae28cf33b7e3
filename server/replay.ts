/** Replay: the stored trigger input (and event) of a run, enqueued again as a new run. */
import { randomUUID } from 'node:crypto'
import type { Store } from '../store/index.ts'

export class ReplayError extends Error {}

/** Enqueues the run's original input as a new run; a running engine on the same store picks it up. */
export async function replayRun(store: Store, runId: string): Promise<string> {
  const run = await store.getRun(runId)
  if (!run) throw new ReplayError(`no run ${runId} in the store`)
  if (!run.input && !run.inputError) throw new ReplayError(`run ${runId} has no stored input to replay`)
  const id = randomUUID()
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
