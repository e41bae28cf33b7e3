/** Runs that call a connector, against the fake Slack: retries, giving up, and a run finishing during shutdown. */
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { loadConnections } from '../../connectors/index.ts'
import { openStore } from '../../store/index.ts'
import { type FakeSlack, SLACK_TOKEN, startFakeSlack } from '../fakes/index.ts'
import { HANG_MS } from '../wait.ts'
import { deliver, envelope, profileEvent, startEngine, waitFor } from './helpers.ts'

const SLACK_FLOWS = fileURLToPath(new URL('../fixtures/server/slack-flows/', import.meta.url))
const TWO_CHANNELS = fileURLToPath(new URL('../fixtures/server/slack-retry-flows/', import.meta.url))

describe('runs with a Slack card', () => {
  let slack: FakeSlack
  // a fresh fake per test: failures queued by one test do not leak into the next
  beforeEach(async () => {
    slack = await startFakeSlack()
  })
  afterEach(() => slack.close())

  const engineOpts = (maxAttempts: number) => ({
    flowsDir: SLACK_FLOWS,
    connections: loadConnections({ env: { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slack.url }, policy: { errorRetries: 0 } }),
    retryBaseMs: 10,
    maxAttempts,
  })
  const settled = async (s: Awaited<ReturnType<typeof startEngine>>, uuid: string) =>
    waitFor(async () => {
      const [run] = await s.engine.store.listRuns({ limit: 1 })
      return run && run.eventUuid === uuid && (run.status === 'succeeded' || run.status === 'failed') && s.engine.store.getRun(run.id)
    }, 'the run to settle')

  it('tries a retryable failure again and records the attempt that worked', async () => {
    const s = await startEngine(engineOpts(3))
    try {
      slack.failNext({ kind: 'status', status: 503 }, 1)
      assert.equal((await deliver(s.url, envelope('r-1', [profileEvent('retry-ev', '2026-11-20T10:00:00Z')]))).status, 200)
      const run = await settled(s, 'retry-ev')
      assert.equal(run?.status, 'succeeded')
      assert.equal(run?.attempts, 2)
      assert.equal(slack.calls('chat.postMessage').length, 2)
      assert.equal(JSON.stringify(run).includes(SLACK_TOKEN), false)
      // the failed attempt's outcome was written for the retry to read; the run that ended needs
      // none (its history holds the call's result): the step shows only the last attempt's intent
      assert.deepEqual(await s.engine.store.steps(run!.id), [{ key: 'send#0', attempt: 2, state: 'intent' }])
    } finally {
      await s.close()
    }
  })

  it('does not send again, on a retry, what the failed attempt already sent', async () => {
    const s = await startEngine({ ...engineOpts(3), flowsDir: TWO_CHANNELS })
    try {
      // the first card's post goes through; the second card's gets a 503 once
      slack.failNext({ kind: 'answer', answer: { status: 200, body: { ok: true, channel: 'C0000GENERAL', ts: '1700000000.000001' } } }, 1)
      slack.failNext({ kind: 'status', status: 503 }, 1)
      assert.equal((await deliver(s.url, envelope('r-two', [profileEvent('two-ev', '2026-11-20T10:00:00Z')]))).status, 200)
      const run = await settled(s, 'two-ev')
      assert.deepEqual([run?.status, run?.attempts], ['succeeded', 2])
      const channels = slack.calls('chat.postMessage').map((q) => q.form?.get('channel'))
      assert.deepEqual(channels, ['#general', '#alerts', '#alerts'], 'the first channel got its message once')
      const first = run?.record?.cards.find((c) => c.id === 'first')
      assert.deepEqual([first?.reused, (first?.outputs.Message as { Timestamp: string }).Timestamp], [true, '1700000000.000001'])
    } finally {
      await s.close()
    }
  })

  it('gives up after the last attempt and keeps the error', async () => {
    const s = await startEngine(engineOpts(2))
    try {
      slack.failNext({ kind: 'status', status: 503 }, 10)
      assert.equal((await deliver(s.url, envelope('r-2', [profileEvent('give-up-ev', '2026-11-20T10:00:00Z')]))).status, 200)
      const run = await settled(s, 'give-up-ev')
      assert.equal(run?.status, 'failed')
      assert.equal(run?.attempts, 2)
      assert.equal(run?.error?.code, 'CONNECTOR')
      assert.equal(run?.error?.retryable, true)
      assert.equal(slack.calls('chat.postMessage').length, 2)
    } finally {
      await s.close()
    }
  })

  it('answers a sync API call whose service failed for now with 503, and does not run it again behind the caller', async () => {
    const s = await startEngine(engineOpts(3))
    try {
      slack.failNext({ kind: 'status', status: 503 }, 1)
      const call = () => fetch(`${s.url}/api/flows/slack-sync/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) })
      const failed = await call()
      assert.equal(failed.status, 503)
      const body = (await failed.json()) as { runId: string; error: { retryable: boolean } }
      assert.equal(body.error.retryable, true)
      const run = await s.engine.store.getRun(body.runId)
      assert.deepEqual([run?.status, run?.attempts], ['failed', 1])
      const ok = await call()
      assert.equal(ok.status, 200)
      assert.match(((await ok.json()) as { ts: string }).ts, /^1700000000\.000\d+$/)
      assert.equal(slack.calls('chat.postMessage').length, 2, 'one call per request: no retry behind the caller')
    } finally {
      await s.close()
    }
  })

  it('lets a running run finish when the engine stops', async () => {
    const s = await startEngine(engineOpts(1))
    slack.failNext({ kind: 'hang' }, 1)
    assert.equal((await deliver(s.url, envelope('r-3', [profileEvent('slow-ev', '2026-11-20T10:00:00Z')]))).status, 200)
    await slack.waitForCalls('chat.postMessage', 1)
    // the engine is stopping while the run waits for Slack; then Slack answers
    const closing = s.engine.close(HANG_MS)
    assert.equal(slack.release(), 1)
    await closing
    const store = await openStore(s.dataDir)
    try {
      const [run] = await store.listRuns({})
      assert.equal(run?.status, 'succeeded', JSON.stringify(run?.error))
    } finally {
      await store.close()
      rmSync(s.dataDir, { recursive: true, force: true })
    }
  })
})
