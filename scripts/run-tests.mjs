// Runs every test/**/*.test.ts file with node's own test runner (Node 20 takes no globs), and
// ends with one line `N passed, N failed, N skipped` counting tests (scripts/count-reporter.mjs).
// Pass file paths to run only those.
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
// Node 20 applies --test-timeout to each file as a whole (a file is one test to the runner). It
// only stops a hung file: a wait inside a test gives up after two minutes (test/wait.ts), and a
// whole file on a loaded machine takes a few minutes at most.
const FILE_CAP_MS = 15 * 60_000
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', `--test-timeout=${FILE_CAP_MS}`, ...reporters, ...files],
  { stdio: 'inherit' },
)
let summary
try {
  summary = readFileSync(counts, 'utf8')
} catch {
  summary = 'problem: the test runner ended before reporting\n'
}
rmSync(dir, { recursive: true, force: true })
process.stdout.write(`\n${summary}`)
const problems = summary.split('\n').some((line) => line.startsWith('problem: '))
process.exit(problems ? 1 : (result.status ?? 1))
