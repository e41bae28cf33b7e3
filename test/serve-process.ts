/** `flow serve` as a child process for end-to-end tests: started, read line by line, stopped. */
import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { ROOT } from './helpers.ts'

export const FLOW_BIN = join(ROOT, 'bin', 'flow.js')

export interface Served {
  child: ChildProcess
  url: string
  /** Everything it wrote so far, a JSON log line each (stderr in chunks). */
  lines: string[]
  exited: Promise<number | null>
}

/**
 * Starts `flow serve <args>` (give `--port 0` and a JSON log format, the default off a terminal)
 * and resolves once it listens. Each child is added to `children`, so an `after` hook can kill
 * those a failed test left running.
 */
export function spawnServe(args: readonly string[], env: NodeJS.ProcessEnv, children: ChildProcess[]): Promise<Served> {
  const child = spawn(process.execPath, [FLOW_BIN, 'serve', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  const lines: string[] = []
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    let buffered = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      const parts = buffered.split('\n')
      buffered = parts.pop()!
      for (const line of parts) {
        lines.push(line)
        const url = line.startsWith('{') ? (JSON.parse(line) as { url?: string }).url : undefined
        if (url) resolve({ child, url, lines, exited })
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')))
    exited.then((code) => reject(new Error(`flow serve exited ${code} before listening:\n${lines.join('\n')}`)))
  })
}
