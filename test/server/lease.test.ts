/** A run whose claim is lost mid-run (the engine froze past its lease and another took the run over) stops and writes nothing. */
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { loadConnections } from '../../connectors/index.ts'
import { openStore, type Store } from '../../store/index.ts'
import { type FakeSlack, SLACK_TOKEN, startFakeSlack } from '../fakes/index.ts'
import { record } from '../store/conformance.ts'
import { deliver, envelope, profileEvent, type Running, startEngine, waitFor } from './helpers.ts'

const SLACK_FLOWS = fileURLToPath(new URL('../fixtures/server/slack-flows/', import.meta.url))

describe('a run whose lease is lost', () => {
  let slack: FakeSlack
  let s: Running
  let other: Store
  const logLines: string[] = []
  before(async () => {
    slack = await startFakeSlack()
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString('utf8'))
        done()
      },
    })
    s = await startEngine({
      flowsDir: SLACK_FLOWS,
      connections: loadConnections({ env: { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slack.url }, policy: { timeoutMs: 600_000 } }),
      // a lease short enough that the heartbeat asks about it often; the verdict does not depend on it
      leaseMs: 3000,
      // one worker, busy with the hung run: the engine cannot claim the run back itself in the
      // moment between the test expiring its lease and the second engine claiming it
      concurrency: 1,
      logLevel: 'warn',
      logDestination: destination,
    })
    other = await openStore(s.dataDir)
  })
  after(async () => {
    await other.close()
    await s.close()
    await slack.close()
  })

  it('is stopped, its Slack call cut off, and only the new claim records the run', async () => {
    // the Slack call hangs until it is cancelled
    slack.failNext({ kind: 'slow', ms: 10 * 60_000 })
    assert.equal((await deliver(s.url, envelope('lease-1', [profileEvent('lease-ev', '2026-11-20T10:00:00Z')]))).status, 200)
    await waitFor(async () => slack.calls('chat.postMessage').length === 1, 'the Slack call to start')
    const [running] = await other.listRuns({ status: 'running' })
    assert.ok(running, 'the run is claimed by the engine')
    // a second engine finds the lease run out (the first froze) and takes the run over
    const stale = { id: running.id, flow: running.flow, source: running.source, eventUuid: running.eventUuid, input: undefined, inputError: undefined, attempt: running.attempts }
    // (the engine's heartbeat may renew the lease between the two steps: then the next try takes it)
    const takenOver = await waitFor(async () => {
      assert.equal(await other.extendLease(stale, -1), true, 'the engine still holds this claim')
      return (await other.claimRuns(1, 600_000))[0]
    }, 'the second engine to take the run over')
    assert.equal(takenOver.attempt, running.attempts + 1)
    await waitFor(async () => logLines.some((l) => l.includes('lost the claim on a run')), 'the engine to notice the lost claim')
    assert.equal(await other.finishRun(takenOver, record(running.id, 'succeeded')), true)
    const final = await other.getRun(running.id)
    assert.deepEqual([final?.status, final?.attempts], ['succeeded', running.attempts + 1])
    assert.equal(slack.calls('chat.postMessage').length, 1, 'the first engine did not try again')
  })
})
