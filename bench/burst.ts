/**
 * Okta's per-org daily maximum of event hook events (400,000; `--short` 5,000, or BENCH_EVENTS) delivered as
 * fast as `flow serve` takes them, in batches of 1–50 events of mixed types: half are profile
 * updates of monitored attributes (one Slack message each), a fifth profile updates of other
 * attributes (a run that stops), the rest types no flow listens to. Reports the time to accept
 * every delivery, the time until every run finished, peak RSS, the database size, and checks the
 * fake Slack got exactly one message per matching event.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { deliver } from './lib/load.ts'
import { deliveryJson, type EventKind, eventJson, seeded } from './lib/okta.ts'
import { startCardflow, usage } from './lib/procs.ts'
import { mib, num, SHORT, sleep } from './lib/report.ts'
import { startSlack } from './lib/slack.ts'

const EVENTS = Number(process.env.BENCH_EVENTS ?? (SHORT ? 5_000 : 400_000))
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4)
const CONNECTIONS = 16
const LIMIT_MS = (SHORT ? 3 : 20) * 60_000

/** Batch sizes and event kinds, fixed by a seed so every run sends the same burst. */
function plan(): { batches: EventKind[][]; notify: number; runs: number } {
  const random = seeded(400_000)
  const batches: EventKind[][] = []
  let left = EVENTS
  let notify = 0
  let runs = 0
  while (left > 0) {
    const size = Math.min(left, 1 + Math.floor(random() * 50))
    const batch: EventKind[] = []
    for (let i = 0; i < size; i++) {
      const r = random()
      const kind: EventKind = r < 0.5 ? 'notify' : r < 0.7 ? 'unmonitored' : 'other'
      if (kind === 'notify') notify++
      if (kind !== 'other') runs++
      batch.push(kind)
    }
    batches.push(batch)
    left -= size
  }
  return { batches, notify, runs }
}

const { batches, notify, runs } = plan()
console.log(`bench/burst: ${num(EVENTS)} events in ${num(batches.length)} deliveries of 1-50, ${num(runs)} runs expected, ${num(notify)} Slack messages; --concurrency ${CONCURRENCY}, ${CONNECTIONS} connections`)

const slack = await startSlack()
const sut = await startCardflow({ slackUrl: slack.url, concurrency: CONCURRENCY })
const db = new Database(join(sut.dir, 'data/cardflow.db'), { readonly: true, fileMustExist: true })
const waiting = db.prepare(`SELECT COUNT(*) AS n FROM runs WHERE status IN ('queued', 'running')`)
const total = db.prepare('SELECT COUNT(*) AS n, SUM(status = ?) AS ok FROM runs')
let peakRss = 0
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, usage(sut.pid).rssBytes)
}, 250)
try {
  let next = 0
  let n = 0
  const body = () => {
    const batch = batches[next++ % batches.length]!
    return deliveryJson(`burst-d${next}`, batch.map((kind) => eventJson(kind, n++, 'burst')))
  }
  const started = performance.now()
  const load = await deliver({ url: sut.url, body, connections: CONNECTIONS, amount: batches.length })
  const acceptedS = (performance.now() - started) / 1000
  console.log(`accepted ${num(load.ok)} of ${num(batches.length)} deliveries in ${num(acceptedS, 1)} s (${num(EVENTS / acceptedS)} events/s, ack p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.failed} failed)`)
  for (;;) {
    const { n: left } = waiting.get() as { n: number }
    if (left === 0) break
    if (performance.now() - started > LIMIT_MS) throw new Error(`${num(left)} runs still waiting after ${LIMIT_MS / 60_000} min`)
    await sleep(500)
  }
  const doneS = (performance.now() - started) / 1000
  const { messages, refused } = await slack.count()
  const counts = total.get('succeeded') as { n: number; ok: number }
  const u = usage(sut.pid)
  console.log(`processed every run in ${num(doneS, 1)} s from the first delivery (${num(counts.n / doneS)} runs/s)`)
  console.log(`runs stored ${num(counts.n)} (expected ${num(runs)}), succeeded ${num(counts.ok)}`)
  console.log(`Slack messages ${num(messages)} (expected ${num(notify)}${messages === notify ? ', match' : ', MISMATCH'}), other requests ${refused}`)
  console.log(`peak RSS ${mib(Math.max(peakRss, u.peakRssBytes))}, RSS at the end ${mib(u.rssBytes)}, engine CPU ${num(u.cpuSeconds, 1)} s, database ${mib(sut.dbBytes())}`)
  const aim = SHORT ? '' : ` (aim: accepted < 180 s: ${acceptedS < 180 ? 'met' : 'not met'}; processed < 600 s: ${doneS < 600 ? 'met' : 'not met'})`
  console.log(`summary: accept ${num(acceptedS, 1)} s, process ${num(doneS, 1)} s${aim}`)
  if (messages !== notify || counts.n !== runs) process.exitCode = 1
} finally {
  clearInterval(sampler)
  db.close()
  await sut.stop()
  await slack.close()
}
