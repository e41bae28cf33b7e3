/**
 * Waiting for outcomes, never for a time: a test polls a condition (a run's state, a request at a
 * fake) until it holds. The deadline only bounds a hang, so it is far longer than any healthy wait
 * on a busy machine, and shorter than the runner's per-test cap (scripts/run-tests.mjs) so that a
 * hang fails with the name of what it waited for.
 */
import { setTimeout as sleep } from 'node:timers/promises'

/** How long a wait may last before the test fails as hung. */
export const HANG_MS = 120_000

/** Polls `check` until it gives a value (not undefined or false), and resolves with it. */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, limitMs = HANG_MS): Promise<T> {
  const deadline = Date.now() + limitMs
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`hung: still waiting for ${what} after ${Math.round(limitMs / 1000)} s`)
    await sleep(20)
  }
}
