// Runs every test/**/*.test.ts file with node's own test runner (Node 20 takes no globs).
// Pass file paths to run only those.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : findTests(path)
    return name.endsWith('.test.ts') ? [path] : []
  })
}

const files = process.argv.length > 2 ? process.argv.slice(2) : findTests('test').sort()
const reporter = process.env.CI ? ['--test-reporter=spec'] : []
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', ...reporter, ...files],
  { stdio: 'inherit' },
)
process.exit(result.status ?? 1)
