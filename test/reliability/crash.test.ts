/**
 * Crash safety: a load generator sends Okta deliveries (some twice, as Okta's retry does, some
 * sharing events with earlier ones) while `flow serve` is SIGKILLed at random moments and
 * restarted on the same data. Afterwards the store, the HTTP answers and the fake Slack must agree:
 * every delivery answered 200 is stored, every stored event ran each matching flow once, nothing
 * is stuck, and no Slack message was sent twice: a run killed after its step journal recorded
 * the send reuses it, or fails with OUTCOME_UNKNOWN, rather than sending again. Duplicates are
 * counted apart for kills before and after the journal write.
 */
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { type FakeSlack, SLACK_TOKEN, startFakeSlack } from '../fakes/index.ts'
import { HOOK_SECRET, waitFor } from '../server/helpers.ts'
import { HANG_MS } from '../wait.ts'
import { FIXTURES, killServers, kill9, readRows, SEED, type Served, seeded, serveChild, size, tempDir } from './helpers.ts'
import { type Planned, planDeliveries, sendOrder } from './okta-load.ts'

const FLOWS = `${FIXTURES}crash-flows`
const FLOW_NAMES = ['to-general', 'to-alerts']
const SENDERS = 4

/**
 * What a request that got no answer means: the connection was cut or refused because the server
 * was killed ('network', expected), or no answer came at all ('hung', a failure). Any other error
 * is the test's own and is thrown.
 */
function cutOrHung(err: unknown): 'network' | 'hung' {
  if (err instanceof DOMException && err.name === 'TimeoutError') return 'hung'
  const code = (err as { cause?: { code?: string } }).cause?.code
  if (err instanceof TypeError && code !== undefined && CUT.has(code)) return 'network'
  throw err
}
const CUT = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'UND_ERR_SOCKET'])

describe('crash safety under SIGKILL', () => {
  const data = tempDir('crash')
  let slack: FakeSlack
  after(async () => {
    await killServers()
    await slack?.close()
    data.remove()
  })

  it('never loses an acknowledged delivery, runs each stored event once per flow, and leaves nothing stuck', async (t) => {
    const rand = seeded(SEED)
    const count = size(300, 800)
    const kills = size(3, 8)
    slack = await startFakeSlack()
    // every Slack answer takes a moment, so kills also land between a call and its record
    slack.failNext({ kind: 'slow', ms: 4 }, 100_000)
    const env = { OKTA_HOOK_SECRET: HOOK_SECRET, SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slack.url, CARDFLOW_CONNECTOR_TIMEOUT_MS: '60000' }
    const start = () => serveChild(FLOWS, data.path, env)

    const deliveries = planDeliveries(count, rand)
    const queue = sendOrder(deliveries, rand)
    const answers = new Map<string, (number | string)[]>()
    let server: Served = await start()
    let up: Promise<void> = Promise.resolve()
    let sent = 0

    const post = async (d: Planned): Promise<number | string> => {
      await up
      sent++
      try {
        const res = await fetch(`${server.url}/hooks/okta`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: HOOK_SECRET },
          body: JSON.stringify(d.body),
          // only bounds a hang, which is recorded and fails the test below
          signal: AbortSignal.timeout(HANG_MS),
        })
        await res.arrayBuffer()
        return res.status
      } catch (err) {
        return cutOrHung(err)
      }
    }
    // Okta retries once on a 5xx or no answer, never on a 4xx.
    const deliver = async (d: Planned) => {
      for (let attempt = 0; attempt < 2; attempt++) {
        const status = await post(d)
        answers.set(d.eventId, [...(answers.get(d.eventId) ?? []), status])
        if (status === 200 || (typeof status === 'number' && status < 500)) return
      }
    }
    const senders = Array.from({ length: SENDERS }, async () => {
      for (let d = queue.shift(); d; d = queue.shift()) await deliver(d)
    })

    const thresholds = Array.from({ length: kills }, () => Math.floor(count * (0.1 + 0.8 * rand()))).sort((a, b) => a - b)
    const killer = (async () => {
      for (const at of thresholds) {
        await waitFor(async () => sent >= at || queue.length === 0, 'the load to reach the kill point', { progress: () => sent })
        await new Promise((r) => setTimeout(r, Math.floor(rand() * 40)))
        let restarted!: () => void
        up = new Promise((resolve) => {
          restarted = resolve
        })
        await kill9(server)
        server = await start()
        restarted()
      }
    })()
    await Promise.all([...senders, killer])

    // The last server drains the queue: every stored event has both runs, none waiting.
    let ended = 0
    const rows = await waitFor(
      async () => {
        const r = readRows(data.path)
        ended = r.runs.filter((run) => run.status !== 'queued' && run.status !== 'running').length
        return r.runs.length === r.events.size * 2 && ended === r.runs.length && r
      },
      'the queue to drain after the last restart',
      { progress: () => ended },
    )
    server.child.kill('SIGTERM')
    assert.equal(await server.exited, 0, 'the last server stops cleanly')

    const acknowledged = deliveries.filter((d) => answers.get(d.eventId)?.includes(200))
    for (const d of acknowledged) {
      assert.ok(rows.deliveries.has(d.eventId), `delivery ${d.eventId} was answered 200 but not stored`)
      for (const uuid of d.uuids) assert.ok(rows.events.has(uuid), `event ${uuid} of ${d.eventId} was answered 200 but not stored`)
    }
    const unexpected = [...answers.values()].flat().filter((s) => s !== 200 && s !== 'network' && s !== 503)
    assert.deepEqual(unexpected, [], 'only 200, 503 or a connection cut by a kill are possible answers (never a hang)')

    // a run killed between its journal's intent and outcome may not guess: OUTCOME_UNKNOWN, never a resend
    const steps = new Map(rows.steps.map((s) => [s.run_id, s]))
    const byKey = new Map(rows.runs.map((r) => [`${r.event_uuid}|${r.flow}`, r]))
    for (const uuid of rows.events) {
      for (const flow of FLOW_NAMES) {
        const run = byKey.get(`${uuid}|${flow}`)
        const unknown = run?.status === 'failed' && JSON.parse(run.error ?? '{}').code === 'OUTCOME_UNKNOWN'
        assert.ok(run?.status === 'succeeded' || unknown, `event ${uuid} flow ${flow}: ${JSON.stringify(run)}`)
        if (unknown) {
          const step = steps.get(run!.id)
          assert.ok(step && step.attempt < run!.attempts && step.state !== 'done', `run ${run!.id} failed unknown without an earlier intent: ${JSON.stringify(step)}`)
        }
      }
    }

    // The fake Slack counts messages per (event, channel), i.e. per run.
    const messages = new Map<string, number>()
    for (const req of slack.calls('chat.postMessage')) {
      const uuid = /^\[([^\]]+)\]/.exec(req.form?.get('text') ?? '')?.[1]
      const key = `${uuid}|${req.form?.get('channel')}`
      messages.set(key, (messages.get(key) ?? 0) + 1)
    }
    // Each interrupted run was killed either before its send's intent was journaled (the step was
    // written by its last attempt) or after (written by an earlier attempt, then reused or unknown).
    const duplicates = { beforeJournal: 0, afterJournal: 0 }
    let sentTotal = 0
    let unknownRuns = 0
    for (const run of rows.runs) {
      const sentTimes = messages.get(`${run.event_uuid}|#${run.flow.slice(3)}`) ?? 0
      sentTotal += sentTimes
      if (run.status === 'succeeded') assert.ok(sentTimes >= 1, `run ${run.id} succeeded but Slack never got its message`)
      else unknownRuns++
      const step = steps.get(run.id)
      const killedAfterJournal = step !== undefined && step.attempt < run.attempts
      if (sentTimes > 1) duplicates[killedAfterJournal ? 'afterJournal' : 'beforeJournal'] += sentTimes - 1
    }
    assert.equal(duplicates.afterJournal, 0, 'a send the journal recorded is never sent again')
    assert.equal(duplicates.beforeJournal, 0, 'a send is journaled before it leaves, so a kill before the journal write sent nothing')
    assert.ok(sentTotal <= rows.runs.length, 'no message for an event that was never stored')

    const interrupted = rows.runs.filter((r) => r.attempts > 1).length
    const total = [...answers.values()].flat()
    t.diagnostic(
      `seed ${SEED}: ${deliveries.length} deliveries, ${total.length} requests (${total.filter((s) => s === 200).length} answered 200, ` +
        `${total.filter((s) => s === 'network').length} cut by a kill, ${total.filter((s) => s === 503).length} 503); ` +
        `${acknowledged.length} deliveries acknowledged, ${rows.events.size} events stored, ${rows.runs.length} runs, ${kills} kills survived, ` +
        `${interrupted} runs interrupted and run again (${unknownRuns} ended OUTCOME_UNKNOWN: killed between the journal's intent and outcome), ` +
        `duplicate Slack messages: ${duplicates.beforeJournal} after a kill before the journal write, ${duplicates.afterJournal} after a kill after it`,
    )
  })
})
