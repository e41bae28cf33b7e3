/** Small helpers shared by tests: load a flow from text, run it, and find shared material. */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FlowPlan } from '../engine/check.ts'
import type { CardRecord, RunRecord } from '../engine/history.ts'
import { registry } from '../cards/index.ts'
import { invocationsFromInput } from '../connectors/okta/input.ts'
import { loadFlowSource } from '../engine/load.ts'
import { type RunOptions, runFlow } from '../engine/run.ts'

export function planOf(yaml: string, file = 'flow.yaml'): FlowPlan {
  const { plan, errors } = loadFlowSource(yaml, file, registry)
  if (!plan) throw new Error(`flow does not check:\n${errors.map((e) => e.describe()).join('\n')}`)
  return plan
}

/** Diagnostics of a flow that should not check, as `line:col: message` strings. */
export function problemsOf(yaml: string): string[] {
  return loadFlowSource(yaml, 'f.yaml', registry).errors.map((e) => e.describe().replace(/^f\.yaml:/, ''))
}

export async function runYaml(yaml: string, input: unknown, opts: RunOptions = { dryRun: true }): Promise<RunRecord[]> {
  const plan = planOf(yaml)
  const runs: RunRecord[] = []
  for (const inv of invocationsFromInput(plan.trigger, input)) {
    if (inv.kind === 'run') runs.push(await runFlow(plan, inv.outputs, opts))
  }
  return runs
}

export function card(run: RunRecord, id: string): CardRecord {
  const found = run.cards.find((c) => c.id === id)
  if (!found) throw new Error(`no card ${id} in run`)
  return found
}

/**
 * The repository root, and the shared material (Okta's samples and template exports): `../shared`
 * beside the checkout, as CI has it, or CARDFLOW_SHARED (a worktree elsewhere). A user's clone
 * has neither: the tests that need it skip, each counted, with one line saying why.
 */
export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const SHARED = process.env.CARDFLOW_SHARED ? resolve(process.env.CARDFLOW_SHARED) : fileURLToPath(new URL('../../shared', import.meta.url))
export const HAS_SHARED = existsSync(join(SHARED, 'okta-samples')) && existsSync(join(SHARED, 'okta-templates'))
const NO_SHARED = `needs ../shared (Okta samples and templates), not found at ${SHARED} (CARDFLOW_SHARED names another place)`

/** For a file whose tests need ../shared: false, or the reason each of its tests skips (printed once). */
export function needsShared(file: string): string | false {
  if (HAS_SHARED) return false
  process.stderr.write(`${file}: ${NO_SHARED}; its tests are skipped\n`)
  return NO_SHARED
}

/** Docs-shape test input for the profile-updated trigger. */
export function profileInput(actor: string, user: string, changed: string) {
  return {
    'Changed Attributes': changed,
    Actor: { ID: actor, 'Alternate ID': `${actor}@example.com` },
    'Okta User': { ID: user, 'Alternate ID': `${user}@example.com` },
  }
}

/**
 * Runs the `flow` command in a child process, asynchronously, so that fakes listening in this
 * process can answer it. Only PATH and the given variables are passed on.
 */
export function flowCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/flow.js', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env } })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d
    })
    child.stderr.on('data', (d: Buffer) => {
      err += d
    })
    child.on('close', (code) => resolve({ code, out, err }))
  })
}
