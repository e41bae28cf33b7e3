/**
 * Waiting for outcomes, never for a time: a test polls a condition (a run's state, a request at a
 * fake) until it holds. The deadline only bounds a hang, so it is far longer than any healthy wait
 * on a busy machine, and shorter than the runner's per-file cap (scripts/run-tests.mjs) so that a
 * hang fails with the name of what it waited for. A wait for a lot of work (a queue of a thousand
 * runs to drain) also gives `progress`: it is a hang only when that stops moving for the bound,
 * however long the whole takes on a loaded machine.
 */
import { setTimeout as sleep } from 'node:timers/promises'

/** How long a wait may go without its condition or its progress moving before the test fails as hung. */
export const HANG_MS = 120_000

export interface WaitOptions {
  /** The bound, HANG_MS unless a test has reason to differ. */
  limitMs?: number
  /** A measure of the work done so far (runs finished…); each change restarts the bound. */
  progress?: () => unknown | Promise<unknown>
}

/** Polls `check` until it gives a value (not undefined or false), and resolves with it. */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, opts: WaitOptions = {}): Promise<T> {
  const limitMs = opts.limitMs ?? HANG_MS
  let deadline = Date.now() + limitMs
  let last: unknown
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (opts.progress) {
      const now = JSON.stringify(await opts.progress())
      if (now !== last) {
        last = now
        deadline = Date.now() + limitMs
      }
    }
    if (Date.now() > deadline) throw new Error(`hung: still waiting for ${what} after ${Math.round(limitMs / 1000)} s without progress`)
    await sleep(20)
  }
}
