/**
 * `flow serve` as a real process and a paused run: the process is killed with SIGKILL while the
 * run waits for its resume request, started again on the same data, and the Resume URL then
 * ends the run once, with the flow's answer.
 */
import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, describe, it } from 'node:test'
import { openStore, type StoredRun } from '../../store/index.ts'
import { type Served, spawnServe } from '../serve-process.ts'
import { HOOK_SECRET, waitFor } from './helpers.ts'

const FLOWS = fileURLToPath(new URL('../fixtures/server/wait-flows/', import.meta.url))
const TOKEN = 'client-token-proc-81d2f4'
const ENV = { ...process.env, OKTA_HOOK_SECRET: HOOK_SECRET, LOG_LEVEL: 'info', CARDFLOW_CONNECTIONS: '', CARDFLOW_CLIENT_TOKEN_APPROVE: TOKEN }

const children: ChildProcess[] = []

/** Starts `flow serve` on `dataDir`; resolves with its URL once it listens. */
function serve(dataDir: string): Promise<Served> {
  return spawnServe(['--flows', FLOWS, '--data', dataDir, '--port', '0', '--no-watch', '--concurrency', '1'], ENV, children)
}

async function stored(dataDir: string, runId: string): Promise<StoredRun | undefined> {
  const store = await openStore(dataDir)
  try {
    return await store.getRun(runId)
  } finally {
    await store.close()
  }
}

describe('a paused run and flow serve as a process', () => {
  const data = mkdtempSync(join(tmpdir(), 'cardflow-waits-proc-'))
  after(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    rmSync(data, { recursive: true, force: true })
  })

  it('waits across a SIGKILL and a restart, then its Resume URL ends it once', async () => {
    const first = await serve(data)
    const asked = await fetch(`${first.url}/api/flows/approve/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-client-token': TOKEN },
      body: JSON.stringify({ id: 'proc-1' }),
    })
    assert.equal(asked.status, 200)
    assert.deepEqual(await asked.json(), { status: 'pending', id: 'proc-1' })
    const runId = asked.headers.get('x-cardflow-run-id')!
    await waitFor(async () => (await stored(data, runId))?.status === 'waiting', 'the run to pause')
    first.child.kill('SIGKILL')
    await first.exited

    const second = await serve(data)
    const resumed = await fetch(`${second.url}/api/flows/approve/resume/${runId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-client-token': TOKEN },
      body: JSON.stringify({ approved: 'yes' }),
    })
    assert.equal(resumed.status, 200)
    assert.deepEqual(await resumed.json(), { id: 'proc-1', approved: 'yes' })
    const again = await fetch(`${second.url}/api/flows/approve/resume/${runId}`, { method: 'POST', headers: { 'x-api-client-token': TOKEN } })
    assert.equal(again.status, 409)
    second.child.kill('SIGTERM')
    assert.equal(await second.exited, 0)
    const run = await stored(data, runId)
    assert.deepEqual([run?.status, run?.attempts], ['succeeded', 2])
    assert.equal(run?.record?.cards.find((c) => c.id === 'ask')?.outputs.approved, 'yes')
  })
})
