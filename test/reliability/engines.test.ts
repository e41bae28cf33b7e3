/**
 * Several engines on one PostgreSQL database: three `flow serve` processes behind a
 * round-robin front take a burst of Okta deliveries (some sent twice, some sharing events, each
 * retried once on a 5xx or no answer, as Okta does). Mid-burst one engine is SIGKILLed while it
 * holds runs, and later another is frozen with SIGSTOP while it holds runs. The third must take
 * both engines' runs over when their leases end; afterwards every delivery answered 200 has each
 * of its events run each flow exactly once in history, nothing is left queued or running, the
 * frozen engine, woken up, writes nothing over its successor, and no Slack message is sent twice:
 * a run cut off between its send's journal entry and the answer ends OUTCOME_UNKNOWN, not resent.
 */
import assert from 'node:assert/strict'
import { hostname } from 'node:os'
import { after, describe, it } from 'node:test'
import { type FakeSlack, SLACK_TOKEN, startFakeSlack } from '../fakes/index.ts'
import { admin, freshSchema, PG_SKIP } from '../postgres.ts'
import { HOOK_SECRET, waitFor } from '../server/helpers.ts'
import { type Balancer, startBalancer } from './balancer.ts'
import { FIXTURES, killServers, SEED, type Served, seeded, serveChild, size } from './helpers.ts'
import { deliverLikeOkta, messagesPerRun, type Planned, planDeliveries, postDelivery, sendOrder } from './okta-load.ts'

const FLOWS = `${FIXTURES}crash-flows`
const FLOW_NAMES = ['to-general', 'to-alerts']
const SENDERS = 4
const LEASE = '3s'

interface Row {
  id: string
  flow: string
  event_uuid: string
  status: string
  attempts: number
  claimed_by: string | null
  error: string | null
}

/** Ended: succeeded, or failed because an earlier attempt was cut off mid-send (never guessed, never resent). */
const ended = (r: Row) => r.status === 'succeeded' || (r.status === 'failed' && JSON.parse(r.error ?? '{}').code === 'OUTCOME_UNKNOWN')

describe('three engines on one PostgreSQL database', { skip: PG_SKIP }, () => {
  const place = freshSchema('engines')
  const engines: Served[] = []
  let slack: FakeSlack | undefined
  let front: Balancer | undefined
  after(async () => {
    // a frozen engine must be woken to die; then every engine this file started is killed
    for (const e of engines) e.child.kill('SIGCONT')
    await killServers()
    await front?.close()
    await slack?.close()
    await place.drop()
  })

  it('runs every acknowledged delivery once in history while one engine is killed and one frozen mid-burst', async (t) => {
    const rand = seeded(SEED)
    const count = size(40, 600)
    slack = await startFakeSlack()
    // Each Slack answer takes a moment; while an engine is being stopped, none comes (the gate),
    // so the runs whose calls wait there cannot end: the engine holds them when it stops.
    let gate: Promise<void> | undefined
    let atGate = 0
    const answer = {
      kind: 'hold' as const,
      get until(): Promise<unknown> {
        if (!gate) return new Promise((resolve) => setTimeout(resolve, 25))
        atGate++
        return gate
      },
    }
    slack.failNext(answer, 1_000_000)
    // calls wait at the gate (below) without timing out, so an engine never has more than 3
    const env = { OKTA_HOOK_SECRET: HOOK_SECRET, SLACK_BOT_TOKEN: SLACK_TOKEN, SLACK_API_URL: slack.url, CARDFLOW_CONNECTOR_TIMEOUT_MS: '30000' }
    const url = place.url()
    // all three start together on a schema none has created yet: one migrates, the others wait for it
    const started = Date.now()
    engines.push(...(await Promise.all([0, 1, 2].map(() => serveChild(FLOWS, url, env, ['--lease', LEASE, '--concurrency', '3'])))))
    const phases = [`started in ${Date.now() - started} ms`]
    const [killed, frozen, survivor] = engines as [Served, Served, Served]
    const idOf = (e: Served) => `${hostname()}:${e.child.pid}`
    front = await startBalancer(
      engines.map((e) => e.url),
      { timeoutMs: 2500, checkMs: 500 },
    )

    const rows = () => admin((c) => c.query<Row>(`SELECT id, flow, event_uuid, status, attempts, claimed_by, error FROM "${place.schema}".runs`)).then((r) => r.rows)
    const holding = async (e: Served) => (await rows()).filter((r) => r.status === 'running' && r.claimed_by === idOf(e))

    const deliveries = planDeliveries(count, rand)
    const queue = sendOrder(deliveries, rand)
    const answers = new Map<string, (number | string)[]>()
    let sent = 0
    const post = (d: Planned) => {
      sent++
      return postDelivery(front!.url, d.body)
    }
    const senders = Array.from({ length: SENDERS }, async () => {
      for (let d = queue.shift(); d; d = queue.shift()) await deliverLikeOkta(d, post, answers)
    })

    // Stop an engine at a point of the burst, while it holds runs; what it held is orphaned. The
    // gate holds every Slack answer meanwhile: an engine runs at most 3 calls at once, so once
    // more than 3 calls per other engine alive wait at the gate, each engine has one waiting,
    // whose run cannot end before the stop.
    const stopAt = async (share: number, e: Served, signal: 'SIGKILL' | 'SIGSTOP', alive: number): Promise<Row[]> => {
      await waitFor(async () => sent >= Math.floor(count * share), `the burst to reach ${share}`)
      let open = () => {}
      gate = new Promise<void>((resolve) => {
        open = resolve
      })
      atGate = 0
      try {
        await waitFor(async () => atGate > 3 * (alive - 1), `a Slack call of each of the ${alive} engines to wait at the gate`)
        e.child.kill(signal)
        if (signal === 'SIGKILL') await e.exited
        return await holding(e)
      } finally {
        gate = undefined
        open()
      }
    }
    const stops = (async () => {
      const ofKilled = await stopAt(0.3, killed, 'SIGKILL', 3)
      const ofFrozen = await stopAt(0.6, frozen, 'SIGSTOP', 2)
      return { ofKilled, ofFrozen }
    })()
    await Promise.all(senders)
    const { ofKilled, ofFrozen } = await stops
    phases.push(`burst sent at ${Date.now() - started} ms`)
    assert.ok(ofKilled.length > 0 && ofFrozen.length > 0, 'both engines held runs when stopped')

    // The survivor drains the queue, the dead and the frozen engines' runs included.
    const settled = async () => {
      const r = await rows()
      return r.length > 0 && r.every(ended) && r
    }
    await waitFor(settled, 'the survivor to finish every run', { progress: async () => (await rows()).filter(ended).length })
    phases.push(`queue drained at ${Date.now() - started} ms`)

    // What a stopped engine held was finished by another engine, on a later attempt (a run it
    // finished in the instant it was stopped is the one exception, and is not counted).
    const afterDrain = new Map((await rows()).map((r) => [r.id, r]))
    const takenOver = (e: Served, held: Row[]) =>
      held.filter((o) => {
        const r = afterDrain.get(o.id)!
        if (r.claimed_by === idOf(e)) {
          assert.equal(r.attempts, o.attempts, `run ${o.id} ran again on the engine that was stopped`)
          return false
        }
        assert.ok(r.attempts > o.attempts, `run ${o.id} was finished by another engine without a new attempt`)
        return true
      }).length
    const overFromKilled = takenOver(killed, ofKilled)
    const overFromFrozen = takenOver(frozen, ofFrozen)
    assert.ok(overFromKilled > 0 && overFromFrozen > 0, 'runs of both stopped engines were taken over')
    assert.ok(ofFrozen.every((o) => afterDrain.get(o.id)?.claimed_by !== idOf(killed)))

    // The frozen engine wakes up: its claims are stale, it must notice and write nothing over them.
    frozen.child.kill('SIGCONT')
    await waitFor(
      async () => frozen.lines.some((l) => l.includes('lost the claim on a run') || l.includes('claimed again elsewhere before it ended here')),
      'the woken engine to find its claims taken over',
    )
    // A delivery the frozen engine was storing when it froze (its caller long since answered 504
    // and retried elsewhere, or gave up) is stored now: dedup keeps known events out, and a new
    // event's runs are run before the engines stop.
    await waitFor(settled, 'the engines to run what the woken engine stored late', { progress: async () => (await rows()).filter(ended).length })
    for (const e of [frozen, survivor]) e.child.kill('SIGTERM')
    assert.deepEqual(await Promise.all([frozen.exited, survivor.exited]), [0, 0], 'both stop cleanly')
    // ... or, stored in the instant before the stop, left queued for the next start
    const late = (r: Row) => !afterDrain.has(r.id) && r.status === 'queued'
    const final = await rows()
    assert.deepEqual(final.filter((r) => !ended(r) && !late(r)), [], 'every run still ended after the frozen engine woke up')

    // Every delivery answered 200 is stored, and each of its events ran each flow once.
    const events = new Set((await admin((c) => c.query(`SELECT uuid FROM "${place.schema}".events`))).rows.map((r) => r.uuid as string))
    const acknowledged = deliveries.filter((d) => answers.get(d.eventId)?.includes(200))
    for (const d of acknowledged) for (const uuid of d.uuids) assert.ok(events.has(uuid), `event ${uuid} of ${d.eventId} was answered 200 but not stored`)
    const byKey = new Map<string, Row[]>()
    for (const r of final) byKey.set(`${r.event_uuid}|${r.flow}`, [...(byKey.get(`${r.event_uuid}|${r.flow}`) ?? []), r])
    for (const uuid of events) for (const flow of FLOW_NAMES) assert.equal(byKey.get(`${uuid}|${flow}`)?.length, 1, `event ${uuid} ran ${flow} once`)
    assert.equal(final.length, events.size * FLOW_NAMES.length)
    const unexpected = [...answers.values()].flat().filter((s) => s !== 200 && s !== 502 && s !== 503 && s !== 504 && s !== 'network')
    assert.deepEqual(unexpected, [], 'answers are 200, or a 5xx Okta retries')

    // runs stored before the wake-up were not touched by the woken engine
    for (const r of final) if (afterDrain.has(r.id)) assert.equal(afterDrain.get(r.id)?.attempts, r.attempts, `run ${r.id} was not touched by the woken engine`)

    // Side effects are at most once: the step journal keeps a send that may have left from
    // leaving again; a run whose earlier attempt was cut off mid-send says so instead.
    const messages = messagesPerRun(slack)
    const steps = new Map(
      (await admin((c) => c.query(`SELECT run_id, attempt, state FROM "${place.schema}".steps`))).rows.map((r) => [r.run_id as string, r as { attempt: number; state: string }]),
    )
    let unknown = 0
    for (const run of final) {
      const times = messages.get(`${run.event_uuid}|#${run.flow.slice(3)}`) ?? 0
      assert.ok(times <= 1, `run ${run.id} sent ${times} messages in ${run.attempts} attempts`)
      if (late(run)) assert.equal(times, 0, `run ${run.id} is queued but Slack got its message`)
      else if (run.status === 'succeeded') assert.equal(times, 1, `run ${run.id} succeeded but Slack never got its message`)
      else {
        unknown++
        const step = steps.get(run.id)
        assert.ok(step && step.attempt < run.attempts && step.state !== 'done', `run ${run.id} failed unknown without an earlier attempt's intent: ${JSON.stringify(step)}`)
      }
    }
    assert.ok([...messages.values()].reduce((a, b) => a + b, 0) <= final.length, 'no message for an event never stored')

    const total = [...answers.values()].flat()
    const tally = (s: number | string) => total.filter((x) => x === s).length
    const served = [...front.answered.entries()].map(([u, n]) => `${engines.findIndex((e) => e.url === u) + 1}: ${n}`).join(', ')
    t.diagnostic(
      `seed ${SEED}: ${deliveries.length} deliveries, ${total.length} requests (${tally(200)} answered 200, ${tally(502)} 502, ${tally(503)} 503, ` +
        `${tally(504)} 504, ${tally('network')} no answer); requests answered per engine ${served}; ${acknowledged.length} deliveries acknowledged, ` +
        `${events.size} events, ${final.length} runs, each once; engine 1 SIGKILLed holding ${ofKilled.length} runs (${overFromKilled} taken over), ` +
        `engine 2 SIGSTOPped holding ${ofFrozen.length} (${overFromFrozen} taken over); ${final.filter((r) => r.attempts > 1).length} runs attempted more than once; ` +
        `${unknown} ended OUTCOME_UNKNOWN (cut off between the send's intent and its answer), no duplicate Slack message (${phases.join(', ')})`,
    )
  })
})
