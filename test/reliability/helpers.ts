/**
 * Shared by the reliability suites: `flow serve` as a child process (so it can be SIGKILLed),
 * the seeded random source (test/seed.ts), the short/long mode switch, and reading the store a
 * server left behind.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { openStore, type Store } from '../../store/index.ts'
import { DB_FILE } from '../../store/sqlite.ts'
import { unpacked } from '../../store/sqlite-compact.ts'
import { ROOT } from '../helpers.ts'

export const FLOW_BIN = join(ROOT, 'bin', 'flow.js')
export const FIXTURES = fileURLToPath(new URL('../fixtures/reliability/', import.meta.url))

/** `RELIABILITY=long` runs the bigger numbers (bench-sized); the default keeps `npm run unit` short. */
export const LONG = process.env.RELIABILITY === 'long'
export const size = (short: number, long: number) => (LONG ? long : short)

/** The seed of the run (TEST_SEED, fixed unless exploring); each file using it prints it. */
export { SEED, seeded } from '../seed.ts'

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `cardflow-rel-${prefix}-`))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

export interface Served {
  child: ChildProcess
  url: string
  /** Every stdout and stderr line, in order. */
  lines: string[]
  exited: Promise<number | null>
}

/** The `flow serve` processes still running, for a failed test's cleanup. */
const live = new Set<ChildProcess>()

/** SIGKILLs every `flow serve` this file started that still runs (an `after` hook, for a test that failed midway). */
export async function killServers(): Promise<void> {
  await Promise.all(
    [...live].map((child) => {
      const gone = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGKILL')
      return gone
    }),
  )
}

/** Starts `flow serve` on a free port and resolves once it logged its URL. `store` is a data directory or a store URL. */
export function serveChild(flows: string, store: string, env: NodeJS.ProcessEnv, extra: string[] = []): Promise<Served> {
  const storeArgs = /^[a-z]+:\/\//.test(store) ? ['--store', store] : ['--data', store]
  const args = [FLOW_BIN, 'serve', '--flows', flows, ...storeArgs, '--port', '0', '--no-watch', ...extra]
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { CARDFLOW_CONNECTIONS: '', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  live.add(child)
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      live.delete(child)
      resolve(code)
    }),
  )
  return new Promise((resolve, reject) => {
    const reader = (onLine: (line: string) => void) => {
      let buffered = ''
      return (chunk: Buffer) => {
        buffered += chunk.toString('utf8')
        const parts = buffered.split('\n')
        buffered = parts.pop()!
        for (const line of parts) onLine(line)
      }
    }
    child.stdout!.on(
      'data',
      reader((line) => {
        lines.push(line)
        const url = line.startsWith('{') ? (JSON.parse(line) as { url?: string }).url : undefined
        if (url) resolve({ child, url, lines, exited })
      }),
    )
    child.stderr!.on('data', reader((line) => lines.push(line)))
    exited.then((code) => reject(new Error(`flow serve exited ${code} before listening:\n${lines.join('\n')}`)))
  })
}

/** SIGKILL: no handler runs, nothing is flushed; resolves once the process is gone. */
export async function kill9(s: Served): Promise<void> {
  s.child.kill('SIGKILL')
  await s.exited
}

/** Opens the store of a data directory for one read, then closes it (the server may be running). */
export async function withStore<T>(data: string, read: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(data, { create: false })
  try {
    return await read(store)
  } finally {
    await store.close()
  }
}

/**
 * Every byte the store keeps on disk (database, WAL and shared memory files), as latin1 text,
 * and the text of every packed (deflated) value in it: what a search of the disk would find.
 */
export function storeBytes(data: string): string {
  const files = readdirSync(data).map((name) => readFileSync(join(data, name)).toString('latin1'))
  const db = new Database(join(data, DB_FILE), { readonly: true })
  try {
    const values = [
      ...(db.prepare('SELECT input, record FROM runs').raw().all() as unknown[][]).flat(),
      ...(db.prepare('SELECT record FROM run_records').pluck().all() as unknown[]),
      ...(db.prepare('SELECT raw FROM events').pluck().all() as unknown[]),
    ]
    const packedTexts = values.filter((v): v is Buffer => Buffer.isBuffer(v)).map(unpacked)
    return [...files, ...packedTexts].join('\n')
  } finally {
    db.close()
  }
}

export interface StoredRow {
  id: string
  flow: string
  event_uuid: string | null
  status: string
  attempts: number
  error: string | null
}

export interface StepRow {
  run_id: string
  key: string
  attempt: number
  state: string
}

/** The store's rows as the checks need them, read through a read-only connection. */
export function readRows(data: string): { deliveries: Set<string>; events: Set<string>; runs: StoredRow[]; steps: StepRow[] } {
  const db = new Database(join(data, DB_FILE), { readonly: true })
  try {
    const column = (sql: string) => new Set((db.prepare(sql).pluck().all() as string[]))
    return {
      deliveries: column('SELECT event_id FROM deliveries'),
      events: column('SELECT uuid FROM events'),
      runs: db.prepare('SELECT id, flow, event_uuid, status, attempts, error FROM runs').all() as StoredRow[],
      steps: db.prepare('SELECT run_id, key, attempt, state FROM steps').all() as StepRow[],
    }
  } finally {
    db.close()
  }
}

/** Whether one delivery is stored: a single lookup, for checks made after every request. */
export function deliveryStored(data: string, eventId: string): boolean {
  const db = new Database(join(data, DB_FILE), { readonly: true })
  try {
    return db.prepare('SELECT 1 FROM deliveries WHERE event_id = ?').get(eventId) !== undefined
  } finally {
    db.close()
  }
}
