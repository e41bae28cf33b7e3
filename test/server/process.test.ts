/**
 * `flow serve` as a real process: killed with SIGKILL while runs wait, restarted on the same
 * data, stopped with SIGTERM; and `flow replay` / `flow history` against its store.
 */
import assert from 'node:assert/strict'
import { type ChildProcess, execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { promisify } from 'node:util'
import { openStore } from '../../store/index.ts'
import { ROOT } from '../helpers.ts'
import { deliver, envelope, FLOWS, HOOK_SECRET, profileEvent, waitFor } from './helpers.ts'
import { FLOW_BIN, type Served, spawnServe } from '../serve-process.ts'

const ENV = { ...process.env, OKTA_HOOK_SECRET: HOOK_SECRET, LOG_LEVEL: 'info', CARDFLOW_CONNECTIONS: '' }

/** Every `flow serve` started, to kill those a failed test left running. */
const children: ChildProcess[] = []

const serve = (dataDir: string, ...extra: string[]): Promise<Served> => spawnServe(['--flows', FLOWS, '--data', dataDir, '--port', '0', '--no-watch', ...extra], ENV, children)

const run = promisify(execFile)
const flow = (...args: string[]) => run(process.execPath, [FLOW_BIN, ...args], { cwd: ROOT, env: ENV })

describe('flow serve as a process', () => {
  const dirs: string[] = []
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'cardflow-proc-'))
    dirs.push(d)
    return d
  }
  after(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  it('runs every stored event exactly once across a SIGKILL and a restart', async () => {
    const data = tempDir()
    const events = ['k-1', 'k-2', 'k-3'].map((u, i) => profileEvent(u, `2026-11-20T10:00:0${i}Z`))
    const body = envelope('kill-1', events)
    // store only: the runs are still waiting when the process is killed
    const first = await serve(data, '--concurrency', '0')
    assert.equal((await deliver(first.url, body)).status, 200)
    first.child.kill('SIGKILL')
    await first.exited

    // one run was claimed by the killed process, as if it died in the middle of it
    const store = await openStore(data)
    const [claimed] = await store.claimRuns(1, 10 * 60_000)
    await store.close()

    const second = await serve(data, '--concurrency', '2')
    const finished = await waitFor(async () => {
      const s = await openStore(data)
      const runs = await s.listRuns({ limit: 100 })
      await s.close()
      return runs.length === 3 && runs.every((r) => r.status === 'succeeded') && runs
    }, 'three finished runs')
    assert.deepEqual(finished.map((r) => r.eventUuid).sort(), ['k-1', 'k-2', 'k-3'])
    assert.equal(finished.find((r) => r.id === claimed!.id)?.attempts, 2)
    // Okta delivering again after the restart adds nothing
    assert.equal((await deliver(second.url, body)).status, 200)

    // replay from the CLI: the running server picks the new run up
    const { stdout } = await flow('replay', claimed!.id, '--data', data)
    const replayId = stdout.trim()
    await waitFor(async () => {
      const s = await openStore(data)
      const r = await s.getRun(replayId)
      await s.close()
      return r?.status === 'succeeded'
    }, 'the replayed run')
    const shown = JSON.parse((await flow('history', replayId, '--json', '--data', data)).stdout)
    assert.equal(shown.replayOf, claimed!.id)
    assert.equal(shown.event.uuid, claimed!.eventUuid)
    // the engine stored the event's runs as their card and delivery: `flow history` and `flow
    // replay` built the input again from the event (the trigger's UUID and Okta User are the event's)
    const original = JSON.parse((await flow('history', claimed!.id, '--json', '--data', data)).stdout)
    assert.equal(original.input.UUID, claimed!.eventUuid)
    assert.equal(original.input['Okta User'].ID, original.event.raw.target[0].id)
    assert.deepEqual(shown.input, original.input)

    second.child.kill('SIGTERM')
    assert.equal(await second.exited, 0)
    const listed = JSON.parse((await flow('history', '--json', '--flow', 'profile-note', '--data', data)).stdout)
    assert.equal(listed.length, 4)
  })

  it('stops on SIGTERM with exit 0, leaving no run half done', async () => {
    const data = tempDir()
    const served = await serve(data, '--concurrency', '1')
    const events = Array.from({ length: 20 }, (_, i) => profileEvent(`t-${i}`, `2026-11-20T10:00:${String(i).padStart(2, '0')}Z`))
    assert.equal((await deliver(served.url, envelope('term-1', events))).status, 200)
    served.child.kill('SIGTERM')
    assert.equal(await served.exited, 0)
    assert.ok(served.lines.some((l) => l.includes('"msg":"stopped"')))
    const store = await openStore(data)
    const runs = await store.listRuns({ limit: 100 })
    await store.close()
    assert.equal(runs.length, 20)
    assert.deepEqual(runs.filter((r) => r.status !== 'succeeded' && r.status !== 'queued'), [])
  })

  it('refuses to start without a hook secret unless --public-hooks', async () => {
    const env = { ...ENV, OKTA_HOOK_SECRET: '' }
    const args = [FLOW_BIN, 'serve', '--flows', FLOWS, '--data', tempDir(), '--port', '0']
    const failed = await run(process.execPath, args, { cwd: ROOT, env }).then(
      () => assert.fail('flow serve started without a secret'),
      (err: { code: number; stderr: string }) => err,
    )
    assert.equal(failed.code, 2)
    assert.match(failed.stderr, /OKTA_HOOK_SECRET/)
  })
})
