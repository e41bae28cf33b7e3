// Runs every test/**/*.test.ts file with node's own test runner (Node 20 takes no globs), and
// ends with one line `N passed, N failed, N skipped` counting tests (scripts/count-reporter.mjs).
// Pass file paths to run only those.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
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
// No time limit per file: Node 20 applies --test-timeout to each file as a whole, so a fixed cap
// failed CLI-heavy files that were merely slow on a crowded machine. A hang is caught by progress
// instead: waits inside tests give up when nothing moves for two minutes (test/wait.ts), and this
// script stops the run when no test has reported for SILENT_MS.
const SILENT_MS = 20 * 60_000
const runner = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...reporters, ...files], {
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true, // its own process group: a hung run is stopped with every test file it started
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    process.kill(-runner.pid, 'SIGKILL')
    process.exit(130)
  })
}
let lastOutput = Date.now()
runner.stdout.on('data', (chunk) => {
  lastOutput = Date.now()
  process.stdout.write(chunk)
})
let hung = false
const watchdog = setInterval(() => {
  if (Date.now() - lastOutput < SILENT_MS) return
  hung = true
  process.kill(-runner.pid, 'SIGKILL')
}, 10_000)
const status = await new Promise((done) => runner.on('close', (code) => done(code)))
clearInterval(watchdog)
let summary = existsSync(counts) ? readFileSync(counts, 'utf8') : ''
if (!/^\d+ passed, \d+ failed, \d+ skipped$/m.test(summary)) {
  // the runner never got to count: the closing line says the run failed, without invented numbers
  summary = `${summary}problem: the test runner ended before reporting its counts\n0 passed, 1 failed, 0 skipped\n`
}
if (hung) summary = `problem: no test reported for ${SILENT_MS / 60_000} minutes: the run was stopped as hung\n${summary}`
rmSync(dir, { recursive: true, force: true })
process.stdout.write(`\n${summary}`)
const problems = summary.split('\n').some((line) => line.startsWith('problem: '))
process.exit(problems ? 1 : (status ?? 1))
