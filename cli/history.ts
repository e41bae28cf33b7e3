/** `flow history`: the runs a served engine stored, as a list or one run card by card. */
import type { Command } from 'commander'
import { registry } from '../cards/index.ts'
import { eventInputsOf } from '../engine/input.ts'
import { describeStoreUrl, openStore, storeUrlFrom, type RunSummary, type StoredRun, type StoredRunStatus } from '../store/index.ts'
import { ConfigError } from '../engine/errors.ts'
import { EXIT, useColor } from './common.ts'
import { formatRun } from './format.ts'

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }
const STATUSES: readonly StoredRunStatus[] = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'stopped']

/** `90s`, `15m`, `24h`, `30d`, `2w` → milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+)\s*([smhdw])$/.exec(text.trim())
  if (!m) throw new ConfigError(`${flag} must be a duration like 30m, 24h or 30d (got "${text}")`)
  return Number(m[1]) * UNITS[m[2]!]!
}

/** An ISO date and time, or a duration back from now. */
export function parseSince(text: string, now = new Date()): Date {
  if (/^\d+\s*[smhdw]$/.test(text.trim())) return new Date(now.getTime() - parseDuration(text, '--since'))
  const at = new Date(text)
  if (Number.isNaN(at.getTime())) throw new ConfigError(`--since must be an ISO date and time or a duration like 24h (got "${text}")`)
  return at
}

interface HistoryFlags {
  store?: string
  data?: string
  flow?: string
  status?: string
  since?: string
  limit: string
  json?: boolean
  full?: boolean
}

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('list the runs of a served engine, or show one run card by card')
    .argument('[runId]', 'show this run')
    .option('--store <url>', 'the store: sqlite:<file> (default sqlite:.cardflow/cardflow.db, or CARDFLOW_STORE), or postgres://…')
    .option('--data <dir>', 'short for --store sqlite:<dir>/cardflow.db')
    .option('--flow <name>', 'only runs of this flow (file name without .yaml)')
    .option('--status <status>', `only runs with this status: ${STATUSES.join(', ')}`)
    .option('--since <when>', 'only runs since an ISO date and time or a duration back (24h, 7d)')
    .option('--limit <n>', 'at most this many runs, newest first', '50')
    .option('--json', 'print JSON')
    .option('--full', 'show every value of a run whole (long values are cut otherwise)')
    .action(async (runId: string | undefined, flags: HistoryFlags) => {
      try {
        process.exitCode = runId === undefined ? await list(flags) : await show(runId, flags)
      } catch (err) {
        process.stderr.write(`flow history: ${(err as Error).message}\n`)
        process.exitCode = EXIT.invalid
      }
    })
}

async function list(flags: HistoryFlags): Promise<number> {
  if (flags.status !== undefined && !STATUSES.includes(flags.status as StoredRunStatus)) {
    throw new ConfigError(`--status must be one of ${STATUSES.join(', ')} (got "${flags.status}")`)
  }
  const limit = Number(flags.limit)
  if (!Number.isInteger(limit) || limit < 1) throw new ConfigError(`--limit must be a whole number of at least 1 (got "${flags.limit}")`)
  const store = await openStore(storeUrlFrom(flags), { create: false })
  try {
    const runs = await store.listRuns({
      limit,
      ...(flags.flow && { flow: flags.flow }),
      ...(flags.status && { status: flags.status as StoredRunStatus }),
      ...(flags.since && { since: parseSince(flags.since) }),
    })
    process.stdout.write(flags.json ? `${JSON.stringify(runs, null, 2)}\n` : listText(runs))
    return EXIT.ok
  } finally {
    await store.close()
  }
}

function listText(runs: RunSummary[]): string {
  if (runs.length === 0) return 'no runs\n'
  const lines = runs.map((r) => {
    const why = r.error ? `  ${r.error.code}: ${r.error.message}` : ''
    const tries = r.attempts > 1 ? ` (${r.attempts} attempts)` : ''
    return `${r.createdAt}  ${r.status.padEnd(9)}  ${r.flow}  ${r.id}${origin(r)}${tries}${waitText(r)}${why}`
  })
  return `${lines.join('\n')}\n`
}

/** The slot a scheduled run was fired for, or who ran a delegated one. */
function origin(r: RunSummary): string {
  return `${r.slot ? `  slot ${r.slot}` : ''}${r.startedBy ? `  by ${r.startedBy}` : ''}`
}

/** Until when a waiting run waits: its due time, or a resume request (Pause). */
function waitText(r: RunSummary): string {
  if (r.status !== 'waiting') return ''
  return r.waitUntil ? `  until ${r.waitUntil}` : '  until resumed (paused)'
}

async function show(runId: string, flags: HistoryFlags): Promise<number> {
  const url = storeUrlFrom(flags)
  const store = await openStore(url, { create: false, eventInputs: eventInputsOf(registry) })
  let run: StoredRun | undefined
  try {
    run = await store.getRun(runId)
  } finally {
    await store.close()
  }
  if (!run) {
    process.stderr.write(`flow history: no run ${runId} in ${describeStoreUrl(url)}\n`)
    return EXIT.failed
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(run, null, 2)}\n`)
    return EXIT.ok
  }
  const head = `${run.flow}  ${run.status}${waitText(run)}  created ${run.createdAt}  attempts ${run.attempts}  source ${run.source}${run.replayOf ? ` (replay of ${run.replayOf})` : ''}${origin(run)}`
  const body = run.record ? formatRun(run.record, { color: useColor(), full: flags.full ?? false }) : 'not run yet\n'
  process.stdout.write(`${head}\n${body}${body.endsWith('\n') ? '' : '\n'}`)
  return EXIT.ok
}
