// `npm run test:explore`: the randomised tests (fault plans, kill moments, generated inputs) with a
// new seed each time, to find what the fixed seed of `npm test` and CI does not. A failure is
// replayed with the seed it prints: TEST_SEED=<seed> node scripts/run-tests.mjs <file>.
// `-- --long` runs them at the bigger sizes of `npm run reliability`.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const seed = Number(process.env.TEST_SEED ?? Math.floor(Math.random() * 2 ** 31))
const dir = 'test/reliability'
const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f)).sort()
const env = { ...process.env, TEST_SEED: String(seed), ...(process.argv.includes('--long') && { RELIABILITY: 'long' }) }
process.stdout.write(`test:explore: seed ${seed} (replay with TEST_SEED=${seed} node scripts/run-tests.mjs ${files.join(' ')})\n`)
const r = spawnSync(process.execPath, ['scripts/run-tests.mjs', ...files], { stdio: 'inherit', env })
process.stdout.write(`test:explore: seed ${seed}\n`)
process.exit(r.status ?? 1)
