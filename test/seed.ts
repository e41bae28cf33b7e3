/**
 * The seed of every randomised test (fault plans, kill moments, fast-check inputs). CI and
 * `npm test` use a fixed one, so a run is repeatable; `npm run test:explore` picks a new one.
 * Each file that uses it prints `seed N (replay with TEST_SEED=N)` so a failure can be replayed.
 */

/** The seed `npm test` and CI use when TEST_SEED is not set. */
export const DEFAULT_SEED = 20_261_120

function readSeed(): number {
  const text = process.env.TEST_SEED
  if (text === undefined || text === '') return DEFAULT_SEED
  const seed = Number(text)
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 31) throw new Error(`TEST_SEED must be a whole number from 0 to 2^31 - 1 (got "${text}")`)
  return seed
}

export const SEED = readSeed()
process.stderr.write(`seed ${SEED} (replay with TEST_SEED=${SEED})\n`)

/** mulberry32: small, fast and good enough to pick kill moments and faults. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
