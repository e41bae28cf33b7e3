/** `flow run <flow> --input <json>`: runs a delegated flow on a running `flow serve`, as an admin. */
import { readFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import type { Command } from 'commander'
import { CALLER_HEADER } from '../server/delegated.ts'
import { EXIT } from './common.ts'

interface RunFlags {
  input?: string
  url?: string
  as?: string
}

const DEFAULT_URL = 'http://127.0.0.1:8080'

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a delegated flow (trigger control.delegatedFlow) on a running `flow serve`, with inputs')
    .argument('<flow>', 'the flow\'s file name without .yaml')
    .option('-i, --input <json>', 'the inputs as a JSON object, or @file.json', '{}')
    .option('--url <server>', `the engine's address (default CARDFLOW_URL or ${DEFAULT_URL})`)
    .option('--as <name>', 'who runs it, as history shows it (default your login name)')
    .addHelpText(
      'after',
      '\nCredential, from the environment (never a flag, so it stays out of shell history and ps):\n' +
        '  CARDFLOW_DELEGATE_TOKEN, else CARDFLOW_UI_TOKEN, else CARDFLOW_UI_USER and CARDFLOW_UI_PASSWORD.\n' +
        'Exit codes: 0 the run is queued, 1 the server refused it or cannot be reached, 2 bad input.\n' +
        'Examples:\n' +
        '  flow run offboard-user --input \'{"login": "jane@example.com", "notify": true}\'\n' +
        '  flow run offboard-user --input \'{"login": "jane@example.com"}\' --url http://127.0.0.1:8080 --as alice',
    )
    .action(async (flow: string, flags: RunFlags) => {
      process.exitCode = await run(flow, flags)
    })
}

function fail(message: string, code: number = EXIT.invalid): number {
  process.stderr.write(`flow run: ${message}\n`)
  return code
}

function readInput(text: string): { input: unknown } | { error: string } {
  let source = text
  if (text.startsWith('@')) {
    try {
      source = readFileSync(text.slice(1), 'utf8')
    } catch (err) {
      return { error: `--input ${text}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` }
    }
  }
  try {
    const input: unknown = JSON.parse(source)
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return { error: '--input must be a JSON object of the flow\'s inputs, e.g. {"login": "jane@example.com"}' }
    return { input }
  } catch (err) {
    return { error: `--input is not valid JSON: ${(err as Error).message}` }
  }
}

function authorization(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.CARDFLOW_DELEGATE_TOKEN || env.CARDFLOW_UI_TOKEN
  if (token) return `Bearer ${token}`
  if (env.CARDFLOW_UI_USER && env.CARDFLOW_UI_PASSWORD) return `Basic ${Buffer.from(`${env.CARDFLOW_UI_USER}:${env.CARDFLOW_UI_PASSWORD}`).toString('base64')}`
  return undefined
}

async function run(flow: string, flags: RunFlags): Promise<number> {
  const read = readInput(flags.input ?? '{}')
  if ('error' in read) return fail(read.error)
  // without a credential the request still goes: the server's 401 then says what it takes
  const auth = authorization(process.env)
  let base: URL
  try {
    base = new URL(flags.url ?? process.env.CARDFLOW_URL ?? DEFAULT_URL)
  } catch {
    return fail(`--url must be the engine's address, like ${DEFAULT_URL} (got "${flags.url}")`)
  }
  const url = new URL(`api/flows/${encodeURIComponent(flow)}/run`, base.href.endsWith('/') ? base : `${base.href}/`)
  const caller = flags.as ?? safeLogin()
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { ...(auth && { authorization: auth }), 'content-type': 'application/json', ...(caller && { [CALLER_HEADER]: caller }) },
      body: JSON.stringify({ input: read.input }),
      signal: AbortSignal.timeout(30_000),
    })
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause
    const why = cause?.code ?? cause?.message ?? (err as Error).message
    return fail(`cannot reach ${base.origin} (${why}); is \`flow serve\` running there? (--url or CARDFLOW_URL)`, EXIT.failed)
  }
  const body = (await res.json().catch(() => ({}))) as { runId?: string; error?: string }
  if (res.status === 202 && body.runId) {
    process.stdout.write(`queued run ${body.runId} of ${flow}\nsee it with: flow history ${body.runId}  (on the engine's store), or in the web UI\n`)
    return EXIT.ok
  }
  const hint = res.status !== 401 ? '' : auth ? ' (check CARDFLOW_DELEGATE_TOKEN against the one `flow serve` was started with)' : ' (no credential set: CARDFLOW_DELEGATE_TOKEN, CARDFLOW_UI_TOKEN, or CARDFLOW_UI_USER and CARDFLOW_UI_PASSWORD)'
  return fail(`${res.status}: ${body.error ?? res.statusText}${hint}`, EXIT.failed)
}

function safeLogin(): string | undefined {
  try {
    return userInfo().username
  } catch {
    return undefined
  }
}
