/**
 * Connector faults: the fake Slack, Gmail and Graph answer 429 (with Retry-After), 500, 503,
 * hang past the timeout or close the connection, at random. Every run must end succeeded or
 * failed with a clear error, within the retry limits, and a hanging service must not stop the
 * runs of other flows.
 */
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { loadConnections } from '../../connectors/index.ts'
import type { CallPolicy } from '../../engine/connector-call.ts'
import type { StoredRun } from '../../store/index.ts'
import { type FakeGmail, type FakeServer, type FakeSlack, GMAIL_TOKEN, GRAPH_TOKEN, SLACK_TOKEN, startFakeGmail, startFakeGraph, startFakeSlack, type Trouble } from '../fakes/index.ts'
import { CLIENT_TOKEN, deliver, envelope, profileEvent, type Running, startEngine, waitFor } from '../server/helpers.ts'
import { FIXTURES, SEED, seeded, size } from './helpers.ts'

const FLOWS = `${FIXTURES}connector-flows`
/** Short waits and a short call timeout: the random faults include hangs past it. */
const POLICY: Partial<CallPolicy> = { timeoutMs: 250, rateLimitRetries: 2, errorRetries: 1, maxWaitMs: 40, backoffMs: 5 }
/** For the tests whose verdict must not depend on a timeout: it only bounds a hang. */
const PATIENT: Partial<CallPolicy> = { ...POLICY, timeoutMs: 60_000 }
const MAX_ATTEMPTS = 3
const OPERATION = /^(slack|gmail|office365): (chat\.postMessage|users\.messages\.send|POST \/users\/noreply%40example\.com\/sendMail) (was rate limited|timed out|failed: )/

/** One trouble per request, drawn from every way a service misbehaves (a normal answer included). */
function randomTroubles(rand: () => number, n: number): { troubles: Trouble[]; injected: number } {
  const menu: Trouble[] = [
    { kind: 'slow', ms: 0 },
    { kind: 'slow', ms: 0 },
    { kind: 'slow', ms: 0 },
    { kind: 'status', status: 429, retryAfter: 0 },
    { kind: 'status', status: 429, retryAfter: 1 },
    { kind: 'status', status: 500 },
    { kind: 'status', status: 503 },
    { kind: 'hang' },
    { kind: 'close' },
  ]
  const troubles = Array.from({ length: n }, () => menu[Math.floor(rand() * menu.length)]!)
  return { troubles, injected: troubles.filter((t) => !(t.kind === 'slow' && t.ms === 0)).length }
}

describe('connector faults', () => {
  let slack: FakeSlack
  let gmail: FakeGmail
  let graph: FakeServer
  let s: Running
  const start = async (policy: Partial<CallPolicy>) => {
    const env = { SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slack.url, GMAIL_ACCESS_TOKEN: GMAIL_TOKEN, GMAIL_API_URL: gmail.url, GRAPH_ACCESS_TOKEN: GRAPH_TOKEN, GRAPH_API_URL: graph.url }
    s = await startEngine({
      flowsDir: FLOWS,
      connections: loadConnections({ env, policy }),
      clientTokens: { 'api-echo': CLIENT_TOKEN },
      maxAttempts: MAX_ATTEMPTS,
      retryBaseMs: 5,
    })
  }
  beforeEach(async () => {
    ;[slack, gmail, graph] = await Promise.all([startFakeSlack(), startFakeGmail(), startFakeGraph()])
  })
  afterEach(async () => {
    // drop what the fakes hold first, so that no run is left waiting for an answer
    for (const fake of [slack, gmail, graph]) fake.reset()
    await s?.close()
    await Promise.all([slack.close(), gmail.close(), graph.close()])
  })

  const finished = (count: number) => {
    let ended = 0
    return waitFor(
      async () => {
        const runs = await s.engine.store.listRuns({ limit: 10_000 })
        ended = runs.filter((r) => r.status !== 'queued' && r.status !== 'running').length
        return runs.length === count && ended === count && runs
      },
      `${count} runs to end`,
      { progress: () => ended },
    )
  }

  it('ends every run succeeded or failed with a clear error, within the retry limits', async (t) => {
    await start(POLICY)
    const rand = seeded(SEED)
    const events = size(24, 240)
    let injected = 0
    for (const fake of [slack, gmail, graph]) {
      const planned = randomTroubles(rand, events * 12)
      injected += planned.injected
      for (const trouble of planned.troubles) fake.failNext(trouble)
    }
    for (let sent = 0, d = 0; sent < events; d++) {
      const batch = Array.from({ length: Math.min(events - sent, 1 + Math.floor(rand() * 4)) }, (_, i) =>
        profileEvent(`cf-${SEED}-${sent + i}`, new Date(Date.UTC(2026, 10, 20) + sent + i).toISOString()),
      )
      sent += batch.length
      assert.equal((await deliver(s.url, envelope(`cf-d-${SEED}-${d}`, batch))).status, 200)
    }
    const runs = await finished(events * 3)
    const stored = (await Promise.all(runs.map((r) => s.engine.store.getRun(r.id)))) as StoredRun[]
    let unknown = 0
    for (const run of stored) {
      assert.ok(run.status === 'succeeded' || run.status === 'failed', `run ${run.id}: ${run.status}`)
      assert.ok(run.attempts >= 1 && run.attempts <= MAX_ATTEMPTS, `run ${run.id} took ${run.attempts} attempts`)
      const calls = run.record!.outbound
      assert.equal(calls.length, 1)
      // non-idempotent sends: the first try and the 429 retries, never a retry after a 5xx or a cut
      assert.ok(calls[0]!.attempts >= 1 && calls[0]!.attempts <= 1 + POLICY.rateLimitRetries!, `run ${run.id}: ${calls[0]!.attempts} tries`)
      if (run.status === 'failed' && run.error?.code === 'OUTCOME_UNKNOWN') {
        // a hang, a cut or a 500: the send may have arrived, so no later attempt sends it again
        assert.match(run.error.message, OPERATION)
        assert.match(run.error.message, /whether it took effect is unknown/)
        assert.equal(run.error.retryable, false)
        unknown++
      } else if (run.status === 'failed') {
        // refused for now (429s, a 503): nothing arrived, and the run is tried again
        assert.equal(run.error?.code, 'CONNECTOR')
        assert.match(run.error!.message, OPERATION)
        assert.equal(run.error?.retryable, true)
        assert.equal(run.attempts, MAX_ATTEMPTS, 'a retryable failure is retried until the last attempt')
      }
      const text = JSON.stringify(run)
      for (const token of [SLACK_TOKEN, GMAIL_TOKEN, GRAPH_TOKEN]) assert.ok(!text.includes(token), 'a token reached history')
    }
    const requests = slack.requests.length + gmail.requests.length + graph.requests.length
    const bound = stored.reduce((sum, r) => sum + r.attempts * (1 + POLICY.rateLimitRetries!), 0)
    assert.ok(requests <= bound, `${requests} requests for runs allowed ${bound}`)
    const failed = stored.filter((r) => r.status === 'failed').length
    t.diagnostic(`seed ${SEED}: ${stored.length} runs (${failed} failed: ${unknown} OUTCOME_UNKNOWN at once, ${failed - unknown} after ${MAX_ATTEMPTS} attempts), ${requests} connector requests, ${injected} faults queued`)
  })

  it('keeps running other flows while Slack hangs', async () => {
    await start(PATIENT)
    slack.failNext({ kind: 'hang' }, 2)
    const events = [profileEvent('hang-1', '2026-11-20T10:00:00Z'), profileEvent('hang-2', '2026-11-20T10:00:01Z')]
    assert.equal((await deliver(s.url, envelope('hang-d', events))).status, 200)
    // both Slack calls are held at the fake, and stay held until the test lets them go
    await slack.waitForCalls('chat.postMessage', 2)
    const runs = await waitFor(async () => {
      const mail = (await s.engine.store.listRuns({ limit: 10 })).filter((r) => r.flow !== 'slack')
      return mail.length === 4 && mail.every((r) => r.status === 'succeeded') && mail
    }, 'the mail runs to succeed')
    assert.deepEqual(runs.map((r) => r.flow).sort(), ['gmail', 'gmail', 'graph', 'graph'])
    const slackRuns = (await s.engine.store.listRuns({ flow: 'slack', limit: 10 })).map((r) => r.status)
    assert.deepEqual(slackRuns, ['running', 'running'], 'the Slack runs are still waiting for their answer')
    // Slack answers at last: its runs end too
    assert.equal(slack.release(), 2)
    const ended = await finished(6)
    for (const r of ended.filter((x) => x.flow === 'slack')) assert.deepEqual([r.status, r.attempts], ['succeeded', 1])
    assert.equal(slack.calls('chat.postMessage').length, 2)
  })

  it('answers a sync API call whose connector keeps failing with a 503 naming the error, not a hang', async () => {
    await start(PATIENT)
    slack.failNext({ kind: 'status', status: 429, retryAfter: 0 }, 3)
    const res = await fetch(`${s.url}/api/flows/api-echo/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-client-token': CLIENT_TOKEN },
      body: JSON.stringify({ note: 'hi' }),
    })
    // the service is failing for now: the caller should retry later (the run is not retried behind it)
    assert.equal(res.status, 503)
    const body = (await res.json()) as { error: { code: string; message: string; retryable: boolean } }
    assert.equal(body.error.code, 'CONNECTOR')
    assert.equal(body.error.retryable, true)
    assert.match(body.error.message, /rate limited \(HTTP 429\) on each of 3 attempts/)
  })
})
