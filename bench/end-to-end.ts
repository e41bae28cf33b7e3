/**
 * Events per second from the Okta hook POST to the message arriving at a fake Slack: cardflow
 * (`flow serve`, the profile-update seed flow, durable intake) against Node-RED 4 (http in →
 * function → http request → http response, nothing stored), same load generator, same fake
 * Slack, same machine, one after the other in the same run; and against the limit: a
 * hand-written pipeline (express → compose the same text → POST to the fake Slack → 200,
 * nothing stored, bench/lib/limit-server.ts), what the machine's HTTP stack gives for the path.
 * Each delivery holds one event whose
 * monitored attributes changed, so each must end as one Slack message. The clock runs from the
 * first POST until the fake Slack has counted every message. `--cpu-prof` writes the engine's
 * CPU profile (default settings) to prof/; `--before <checkout>` adds a column for another
 * checkout of cardflow at its defaults (a change's before and after in the same run).
 */
import { deliver, type LoadResult } from './lib/load.ts'
import { deliveryJson, eventJson } from './lib/okta.ts'
import { join } from 'node:path'
import { ROOT, type Sut, startCardflow, startLimit, startNodeRed, usage } from './lib/procs.ts'
import { mib, num, ratio, row, SHORT } from './lib/report.ts'
import { type SlackCounter, startSlack } from './lib/slack.ts'

const EVENTS = SHORT ? 1500 : 20_000
const WARMUP = 300
const CONNECTIONS = 32
const LIMIT_MS = SHORT ? 60_000 : 300_000
const TUNED = 64
const PROFILE = process.argv.includes('--cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'prof')}`] : []

interface Outcome {
  eventsPerSecond: number
  load: LoadResult
  seconds: number
  peakRss: number
  cpuSeconds: number
  /** Bytes of the store's files after the engine stopped, for a store of its own. */
  dbBytes: number
}

async function measure(start: (slackUrl: string) => Promise<Sut>): Promise<Outcome> {
  const slack: SlackCounter = await startSlack()
  const sut = await start(slack.url)
  try {
    let n = 0
    const body = () => {
      n++
      return deliveryJson(`e2e-d${n}`, [eventJson('notify', n, 'e2e')])
    }
    // a delivery that failed (timed out on a loaded box) may not have become a message
    const warm = await deliver({ url: sut.url, body, connections: 8, amount: WARMUP })
    await slack.waitFor(WARMUP - warm.failed, LIMIT_MS)
    const before = (await slack.count()).messages
    const cpuBefore = usage(sut.pid).cpuSeconds
    const started = performance.now()
    const load = await deliver({ url: sut.url, body, connections: CONNECTIONS, amount: EVENTS })
    await slack.waitFor(before + EVENTS - load.failed, LIMIT_MS)
    const seconds = (performance.now() - started) / 1000
    const u = usage(sut.pid)
    const { messages, refused } = await slack.count()
    console.log(`${sut.name}: ${num(messages - before)} messages at the fake Slack (${refused} other requests), ${warm.failed + load.failed} failed deliveries`)
    const outcome = { eventsPerSecond: EVENTS / seconds, load, seconds, peakRss: u.peakRssBytes, cpuSeconds: u.cpuSeconds - cpuBefore, dbBytes: 0 }
    outcome.dbBytes = await sut.stop()
    return outcome
  } finally {
    await sut.stop()
    await slack.close()
  }
}

console.log(`bench/end-to-end: ${num(EVENTS)} events, 1 per delivery, ${CONNECTIONS} connections, node ${process.version}`)
const columns: [string, Outcome][] = []
const before = process.argv.indexOf('--before')
const beforeRoot = before > 0 ? process.argv[before + 1] : undefined
if (beforeRoot) columns.push(['cardflow before', await measure((slackUrl) => startCardflow({ slackUrl, root: beforeRoot, name: 'cardflow before' }))])
columns.push(['cardflow', await measure((slackUrl) => startCardflow({ slackUrl, nodeArgs: PROFILE }))])
// The defaults are what is compared; the full run also shows a larger pool.
if (!SHORT) columns.push([`cardflow -c ${TUNED}`, await measure((slackUrl) => startCardflow({ slackUrl, concurrency: TUNED }))])
columns.push(['Node-RED 4.1.15', await measure((slackUrl) => startNodeRed(slackUrl))])
columns.push(['limit', await measure((slackUrl) => startLimit(slackUrl))])
const each = (f: (o: Outcome) => string) => columns.map(([, o]) => f(o))

console.log('')
row('', ...columns.map(([name]) => name))
row('events/s, POST to Slack message', ...each((o) => num(o.eventsPerSecond)))
row('wall time (s)', ...each((o) => num(o.seconds, 1)))
row('deliveries acknowledged/s', ...each((o) => num(o.load.perSecond)))
row('ack p50 / p99 (ms)', ...each((o) => `${o.load.p50} / ${o.load.p99}`))
row('engine CPU per event (ms)', ...each((o) => num((o.cpuSeconds * 1000) / EVENTS, 2)))
row('engine peak RSS', ...each((o) => mib(o.peakRss)))
row('stored durably before the ack', ...columns.map(([name]) => (name.startsWith('cardflow') ? 'yes (fsync)' : 'no')))
row('stored per event (database, KB)', ...each((o) => (o.dbBytes > 0 ? num(o.dbBytes / (EVENTS + WARMUP) / 1000, 2) : '-')))
const nodeRed = columns.find(([name]) => name.startsWith('Node-RED'))![1]
const limit = columns.find(([name]) => name === 'limit')![1]
for (const [name, o] of columns.filter(([n]) => n.startsWith('cardflow'))) {
  ratio(`${name} / Node-RED events/s`, o.eventsPerSecond, nodeRed.eventsPerSecond, '>= 1x, then 2x')
  ratio(`${name} / limit events/s`, o.eventsPerSecond, limit.eventsPerSecond)
}
ratio('Node-RED / limit events/s', nodeRed.eventsPerSecond, limit.eventsPerSecond)
const was = columns.find(([name]) => name === 'cardflow before')?.[1]
const now = columns.find(([name]) => name === 'cardflow')![1]
if (was) ratio('cardflow / cardflow before events/s', now.eventsPerSecond, was.eventsPerSecond)
