/**
 * The systems under test, each in its own child process on 127.0.0.1 so the load generator in
 * this process does not share their event loop: `flow serve` (the real CLI), a bare express
 * handler, and Node-RED. Each writes its output to a file; the first line naming a URL says it
 * is ready. RSS and CPU time are read from /proc.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { HOOK_SECRET, SLACK_TOKEN } from './okta.ts'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const FLOW = join(ROOT, 'flows/notify-user-on-profile-update.yaml')
// generous: on a busy box an engine (tsx compiling it first) can take long to start
const READY_LIMIT_MS = 90_000

export interface Sut {
  name: string
  url: string
  pid: number
  dir: string
  /** Bytes of the SQLite files (database and WAL), for the stores that have one. */
  dbBytes(): number
  /** Stops it; resolves with the bytes of its SQLite files once it exited (closed, WAL checkpointed). */
  stop(): Promise<number>
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `cardflow-bench-${prefix}-`))
}

async function waitForUrl(child: ChildProcess, logFile: string, name: string): Promise<string> {
  const deadline = Date.now() + READY_LIMIT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}) before listening:\n${readFileSync(logFile, 'utf8').slice(-2000)}`)
    const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(readFileSync(logFile, 'utf8'))
    if (m?.[1]) return m[1]
    await new Promise((r) => setTimeout(r, 50))
  }
  child.kill('SIGKILL')
  throw new Error(`${name} did not start within ${READY_LIMIT_MS / 1000} s`)
}

async function launch(name: string, args: string[], env: Record<string, string>, dir: string, dbFiles: string[]): Promise<Sut> {
  const logFile = join(dir, 'out.log')
  const out = openSync(logFile, 'w')
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', out, out] })
  closeSync(out) // the child has its own copy
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await waitForUrl(child, logFile, name).catch((err: unknown) => {
    rmSync(dir, { recursive: true, force: true })
    throw err
  })
  let stopping: Promise<number> | undefined
  return {
    name,
    url,
    pid: child.pid!,
    dir,
    dbBytes: () => dbFiles.reduce((sum, f) => sum + sizeOf(f), 0),
    stop() {
      stopping ??= (async () => {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
        await exited
        clearTimeout(timer)
        const bytes = dbFiles.reduce((sum, f) => sum + sizeOf(f), 0)
        rmSync(dir, { recursive: true, force: true })
        return bytes
      })()
      return stopping
    },
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}

export interface CardflowOptions {
  slackUrl: string
  /** Workers; 0 stores deliveries and runs nothing (intake alone); unset: the default of `flow serve`. */
  concurrency?: number
  logLevel?: string
  /** Node flags for the engine process, e.g. `--cpu-prof` to profile it. */
  nodeArgs?: string[]
  /** A store URL (e.g. `postgres://…`) shared with other engines; default a SQLite file of its own. */
  store?: string
  /** A name for its output, when several run at once. */
  name?: string
  /** Another checkout of cardflow to run instead of this one (a before/after comparison). */
  root?: string
}

/** `flow serve` with the profile-update seed flow, Slack pointed at the fake. */
export function startCardflow(o: CardflowOptions): Promise<Sut> {
  const dir = tempDir('cardflow')
  mkdirSync(join(dir, 'flows'))
  copyFileSync(FLOW, join(dir, 'flows/notify-user-on-profile-update.yaml'))
  const data = join(dir, 'data')
  const store = o.store ? ['--store', o.store] : ['--data', 'data']
  const args = [...(o.nodeArgs ?? []), join(o.root ?? ROOT, 'bin/flow.js'), 'serve', '--flows', 'flows', ...store, '--port', '0', '--no-watch']
  if (o.concurrency !== undefined) args.push('--concurrency', String(o.concurrency))
  if (o.logLevel) args.push('--log-level', o.logLevel)
  const env = { OKTA_HOOK_SECRET: HOOK_SECRET, SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: o.slackUrl }
  return launch(o.name ?? 'cardflow', args, env, dir, o.store ? [] : [join(data, 'cardflow.db'), join(data, 'cardflow.db-wal')])
}

/** express answering 200 after parsing the JSON body, storing nothing: the machine's ceiling. */
export function startBare(): Promise<Sut> {
  const dir = tempDir('bare')
  return launch('bare express', ['--import', import.meta.resolve('tsx'), join(ROOT, 'bench/lib/bare-server.ts')], {}, dir, [])
}

/** The hand-written pipeline of bench/lib/limit-server.ts: compose, POST to Slack, 200; nothing stored. */
export function startLimit(slackUrl: string): Promise<Sut> {
  const dir = tempDir('limit')
  return launch('limit', ['--import', import.meta.resolve('tsx'), join(ROOT, 'bench/lib/limit-server.ts'), slackUrl, SLACK_TOKEN], {}, dir, [])
}

/** Node-RED with a generated flow doing the profile-update flow's work over HTTP nodes. */
export function startNodeRed(slackUrl: string): Promise<Sut> {
  const dir = tempDir('node-red')
  return launch('Node-RED', [join(ROOT, 'bench/lib/node-red-server.mjs'), dir, slackUrl, SLACK_TOKEN], {}, dir, [])
}

export interface ProcUsage {
  rssBytes: number
  peakRssBytes: number
  /** User plus system CPU time, seconds. */
  cpuSeconds: number
  /**
   * The same for the main thread alone (the one running JavaScript, whose thread id is the
   * process id): a Node.js server is limited by it long before the box runs out of cores.
   */
  mainThreadSeconds: number
}

export function usage(pid: number): ProcUsage {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
  return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM'), cpuSeconds: cpuTicks(`/proc/${pid}/stat`) / 100, mainThreadSeconds: cpuTicks(`/proc/${pid}/task/${pid}/stat`) / 100 }
}

/** Fields 14 and 15 of a /proc stat file (user and system time in clock ticks), after the command name in parentheses. */
function cpuTicks(file: string): number {
  const stat = readFileSync(file, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return Number(fields[11]) + Number(fields[12])
}
