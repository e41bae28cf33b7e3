// `npm run test:loaded`: the whole suite (`npm test`) from a fresh clone of this checkout's
// committed HEAD, with a clean `npm ci`, while two other processes keep both cores busy, as they
// are when other work shares the machine. A test whose verdict depends on the machine's speed
// fails here. The burners stop when the tests end, when this script dies (their stdin closes),
// and after an hour in any case.
//
//   npm run test:loaded                    # clone, npm ci, npm test under load
//   npm run test:loaded -- --reuse-modules # link this checkout's node_modules instead of npm ci
//
// ../shared (or CARDFLOW_SHARED) of this checkout is passed on to the clone when there is one, so
// the clone runs the same tests; without it, they skip, as in a user's clone.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BURNERS = 2
const BURN_AT_MOST_MS = 60 * 60_000
const reuseModules = process.argv.includes('--reuse-modules')

/** Spins in slices of 50 ms so that it still notices its stdin closing. */
const BURNER = `
const until = Date.now() + ${BURN_AT_MOST_MS}
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
const burn = () => {
  const slice = Date.now() + 50
  while (Date.now() < slice) Math.sqrt(Math.random())
  if (Date.now() < until) setImmediate(burn)
  else process.exit(0)
}
burn()
`

const children = new Set()
/** Runs one step as a child (asynchronously, so that a signal still reaches the cleanup below). */
async function step(what, command, args, opts) {
  process.stdout.write(`test:loaded: ${what}\n`)
  const child = spawn(command, args, { stdio: 'inherit', detached: true, ...opts })
  children.add(child)
  const code = await new Promise((done) => child.on('close', (status, signal) => done(status ?? signal)))
  children.delete(child)
  if (code !== 0 && !interrupted) {
    process.stderr.write(`test:loaded: ${what} failed (exit ${code})\n`)
    await cleanup()
    process.exit(1)
  }
}

const dir = mkdtempSync(join(tmpdir(), 'cardflow-loaded-'))
const clone = join(dir, 'cardflow')
const burners = []
/** Stops the burners and any step still running, waits for them (a clone or npm ci still writing would refill the folder), then removes the folder. */
async function cleanup() {
  const live = [...children, ...burners].filter((c) => c.exitCode === null && c.signalCode === null)
  const closed = live.map((c) => new Promise((done) => c.once('close', done)))
  // each step leads its own process group: its own children (test files, flow serve) go with it
  for (const c of live) process.kill(children.has(c) ? -c.pid : c.pid, 'SIGKILL')
  await Promise.all(closed)
  rmSync(dir, { recursive: true, force: true })
}
let interrupted = false
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    interrupted = true
    await cleanup()
    process.exit(130)
  })
}

const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim()
await step(`cloning ${ROOT} at ${head} into ${clone}`, 'git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone])
if (reuseModules) symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'))
else await step('npm ci', 'npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: clone })

const env = { ...process.env }
const shared = process.env.CARDFLOW_SHARED ? resolve(process.env.CARDFLOW_SHARED) : resolve(ROOT, '../shared')
if (existsSync(shared)) env.CARDFLOW_SHARED = shared

for (let i = 0; i < BURNERS; i++) burners.push(spawn(process.execPath, ['-e', BURNER], { stdio: ['pipe', 'ignore', 'inherit'] }))
process.stdout.write(`test:loaded: ${BURNERS} CPU burners running (pids ${burners.map((b) => b.pid).join(', ')}); npm test in the clone${env.CARDFLOW_SHARED ? ` with CARDFLOW_SHARED=${env.CARDFLOW_SHARED}` : ', without ../shared'}\n`)
const started = Date.now()
const tests = spawn('npm', ['test'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true })
children.add(tests)
let tail = ''
tests.stdout.on('data', (chunk) => {
  process.stdout.write(chunk)
  tail = (tail + chunk).slice(-4096)
})
const code = await new Promise((done) => tests.on('close', (status, signal) => done(status ?? signal)))
if (interrupted) await new Promise(() => {}) // the signal handler reports and exits
const burnersAlive = burners.filter((b) => b.exitCode === null).length
await cleanup()
const closing = tail.trim().split('\n').at(-1)
const minutes = ((Date.now() - started) / 60_000).toFixed(1)
process.stdout.write(`\ntest:loaded: npm test at ${head} exited ${code} after ${minutes} min under load (${burnersAlive} of ${BURNERS} burners busy to the end)\n`)
process.stdout.write(`${closing}\n`)
process.exit(code === 0 && burnersAlive === BURNERS ? 0 : 1)
