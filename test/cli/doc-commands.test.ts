/**
 * Every `flow` command shown in README.md, docs/*.md (shell code blocks) and `--help` examples
 * runs as shown, in a copy of the repository's flows and examples: a user who copies one does
 * not meet a missing file or a wrong flag. Commands that need a file of the user's own
 * (`my-export.flopack`, `input.json`) or a run id get one here; a placeholder the test does not
 * know fails it, so the docs stay runnable. `npm ci`/`npm test` themselves are not rerun.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Command } from 'commander'
import { buildProgram } from '../../cli/main.ts'
import { openStore } from '../../store/index.ts'
import { ROOT } from '../helpers.ts'
import { delivery, record, runFor } from '../store/conformance.ts'

const FLOW = join(ROOT, 'bin', 'flow.js')

interface DocCommand {
  where: string
  line: string
  /** `export` lines shown before it on the same page: a reader's shell still has them. */
  exports?: string[]
}

/** Lines of shell code blocks that run `flow` (directly, through npx, or `npm start`). */
function docCommands(): DocCommand[] {
  const files = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
  const out: DocCommand[] = []
  for (const file of files) {
    const exports: string[] = []
    const text = readFileSync(join(ROOT, file), 'utf8')
    for (const block of text.matchAll(/^```(?:sh|bash|shell|console)\n([\s\S]*?)^```/gm)) {
      const first = text.slice(0, block.index).split('\n').length + 1
      block[1]!.split('\n').forEach((raw, i) => {
        // a command a reader starts in the background (`flow serve &`) is run here like any serve
        const line = raw.replace(/\s+#\s.*$/, '').trim().replace(/\s*&$/, '')
        if (/^export [A-Z_][A-Z0-9_]*=/.test(line)) exports.push(line)
        else if (!line.startsWith('#') && /(^|\s)(npx flow|flow|npm start)(\s|$)/.test(line)) out.push({ where: `${file}:${first + i}`, line, exports: [...exports] })
      })
    }
  }
  return out
}

/** The `Examples:` lines of every subcommand's --help (read from the program itself, not a process per command). */
function helpCommands(): DocCommand[] {
  return buildProgram().commands.flatMap((sub) => {
    const help = helpText(sub)
    const examples = /Examples:\n((?: {2}.*\n?)+)/.exec(help)?.[1] ?? ''
    return examples
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('flow '))
      .map((line) => ({ where: `flow ${sub.name()} --help`, line }))
  })
}

/** A copy of the repository's flows and examples, with the files a user of the docs would have. */
async function makeSandbox(): Promise<{ dir: string; env: NodeJS.ProcessEnv; runId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cardflow-docs-'))
  for (const d of ['flows', 'examples', 'schemas']) cpSync(join(ROOT, d), join(dir, d), { recursive: true })
  // the user's own files the docs speak of
  cpSync(join(ROOT, 'test/fixtures/importer/tiny.flopack'), join(dir, 'my-export.flopack'))
  mkdirSync(join(dir, 'exports'))
  cpSync(join(ROOT, 'test/fixtures/importer/tiny.flopack'), join(dir, 'exports/tiny.flopack'))
  writeFileSync(join(dir, 'input.json'), JSON.stringify({ who: 'Ann' }))
  // `flow`, `npx flow` and `npm start` as a user's shell would have them
  const bin = join(dir, '.bin')
  mkdirSync(bin)
  const shim = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`)
    chmodSync(join(bin, name), 0o755)
  }
  shim('flow', `exec "${process.execPath}" "${FLOW}" "$@"`)
  shim('npx', `[ "$1" = flow ] || exit 127\nshift\nexec "${process.execPath}" "${FLOW}" "$@"`)
  shim('npm', `case "$1" in\n  ci) exit 0 ;;\n  start) shift; [ "$1" = -- ] && shift; exec "${process.execPath}" "${FLOW}" serve "$@" ;;\n  *) exit 127 ;;\nesac`)
  // a run in the default store, for `flow history <runId>` and `flow replay <runId>`
  const store = await openStore(join(dir, '.cardflow'))
  await store.acceptDelivery(delivery('docs-1', ['docs-ev']), [{ ...runFor('docs-ev', 'notify-user-on-profile-update'), id: 'run-docs-1' }])
  const [claim] = await store.claimRuns(1, 60_000)
  await store.finishRun(claim!, record('run-docs-1', 'succeeded'))
  await store.close()
  return { dir, env: { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: dir, NO_COLOR: '1', CARDFLOW_CONNECTIONS: '' }, runId: 'run-docs-1' }
}

const commands = [...docCommands(), ...helpCommands()]

/** A command's whole --help text, the text added after it (`addHelpText('after', …)`) included. */
function helpText(command: Command): string {
  let text = ''
  command.configureOutput({
    writeOut: (s) => {
      text += s
    },
  })
  command.outputHelp()
  return text
}

describe('commands shown in the README, the docs and --help', () => {
  it('finds the commands to run (README quick start, serve, history, import, graph, --help examples)', () => {
    const lines = commands.map((c) => c.line).join('\n')
    for (const expected of [/npx flow serve --dry-run/, /flow test flows\/notify-user-on-profile-update\.yaml/, /flow history/, /flow import my-export\.flopack/, /flow graph/, /CARDFLOW_UI_USER=admin/]) {
      assert.match(lines, expected)
    }
    assert.ok(commands.some((c) => c.where.endsWith('--help')), 'the --help examples are run too')
  })

  // each page (or help text) is followed in its own copy, in order, as a reader would
  const pages = new Map<string, DocCommand[]>()
  for (const c of commands) {
    const page = c.where.replace(/:\d+$/, '')
    pages.set(page, [...(pages.get(page) ?? []), c])
  }
  for (const [page, list] of pages) {
    describe(page, () => {
      let sandbox: Awaited<ReturnType<typeof makeSandbox>>
      before(async () => {
        sandbox = await makeSandbox()
      })
      after(() => rmSync(sandbox.dir, { recursive: true, force: true }))
      for (const { where, line, exports = [] } of list) {
        it(`${where}: ${line}`, async () => {
          const command = [...exports, line].join(' && ').replaceAll('<runId>', sandbox.runId)
          assert.doesNotMatch(command, /<[a-z][\w-]*>/i, `${where} shows a placeholder the docs test cannot fill: ${line}`)
          const serve = /\bflow serve\b|npm start/.test(command)
          const result = serve ? await runServe(command, sandbox.dir, sandbox.env) : await runOnce(command, sandbox.dir, sandbox.env)
          assert.ok(result.code === 0 || (!serve && result.code === 1), `${where}: \`${line}\` exited ${result.code}\n${result.output}`)
          assert.doesNotMatch(result.output, /\n\s+at .+\(.+:\d+:\d+\)|INTERNAL|error: unknown option|error: missing required/, `${where}: \`${line}\`\n${result.output}`)
        })
      }
    })
  }
})

function runOnce(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { cwd, env })
    let output = ''
    child.stdout.on('data', (d: Buffer) => {
      output += d
    })
    child.stderr.on('data', (d: Buffer) => {
      output += d
    })
    child.on('close', (code) => resolve({ code, output }))
  })
}

/**
 * `A && X=1 flow serve` as `A && export X=1 && exec flow serve --port 0 --no-watch`: the server
 * replaces the shell, so SIGTERM reaches it, and listens on a free port.
 */
function asServer(command: string): string {
  const parts = command.split(' && ')
  const m = /^((?:[A-Z_][A-Z0-9_]*=(?:'[^']*'|"[^"]*"|\$\([^)]*\)|\S+)\s+)*)(.*)$/.exec(parts.pop()!)!
  const assigns = m[1]!.trim()
  return [...parts, `${assigns ? `export ${assigns} && ` : ''}exec ${m[2]} --port 0 --no-watch`].join(' && ')
}

/** A serve command: it must start listening (on a free port), then stop on SIGTERM with exit 0. */
function runServe(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // its own process group, stopped as a whole: nothing it starts can outlive the test
    const child: ChildProcess = spawn('bash', ['-c', asServer(command)], { cwd, detached: true, env: { ...env, OKTA_HOOK_SECRET: env.OKTA_HOOK_SECRET ?? 'docs-secret' } })
    let output = ''
    let listening = false
    const onData = (d: Buffer) => {
      output += d
      if (!listening && /listening on http/.test(output)) {
        listening = true
        process.kill(-child.pid!, 'SIGTERM')
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('close', (code) => resolve({ code: listening ? code : (code ?? 1) || 1, output }))
  })
}
