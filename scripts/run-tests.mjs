// Runs every test/**/*.test.ts file with node's own test runner (Node 20 takes no globs), and
// ends with one line `N passed, N failed, N skipped`. Pass file paths to run only those.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : findTests(path)
    return name.endsWith('.test.ts') ? [path] : []
  })
}

const files = process.argv.length > 2 ? process.argv.slice(2) : findTests('test').sort()
const dir = mkdtempSync(join(tmpdir(), 'cardflow-tests-'))
const counts = join(dir, 'counts.txt')
const reporters = [
  ...['--test-reporter', process.env.CI || process.stdout.isTTY ? 'spec' : 'tap', '--test-reporter-destination', 'stdout'],
  ...['--test-reporter', new URL('./count-reporter.mjs', import.meta.url).href, '--test-reporter-destination', counts],
]
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', ...reporters, ...files],
  { stdio: 'inherit' },
)
try {
  process.stdout.write(`\n${readFileSync(counts, 'utf8')}`)
} catch {
  process.stdout.write('\nthe test runner ended before reporting\n')
}
rmSync(dir, { recursive: true, force: true })
process.exit(result.status ?? 1)
