/**
 * Events per second from the Okta hook POST to the message arriving at a fake Slack: cardflow
 * (`flow serve`, the profile-update seed flow, durable intake) against Node-RED 4 (http in →
 * function → http request → http response, nothing stored), same load generator, same fake
 * Slack, same machine, one after the other in the same run. Each delivery holds one event whose
 * monitored attributes changed, so each must end as one Slack message. The clock runs from the
 * first POST until the fake Slack has counted every message.
 */
import { deliver, type LoadResult } from './lib/load.ts'
import { deliveryJson, eventJson } from './lib/okta.ts'
import { type Sut, startCardflow, startNodeRed, usage } from './lib/procs.ts'
import { mib, num, ratio, row, SHORT } from './lib/report.ts'
import { type SlackCounter, startSlack } from './lib/slack.ts'

const EVENTS = SHORT ? 1500 : 20_000
const WARMUP = 300
const CONNECTIONS = 32
const LIMIT_MS = SHORT ? 60_000 : 300_000
const TUNED = 16

interface Outcome {
  eventsPerSecond: number
  load: LoadResult
  seconds: number
  peakRss: number
  cpuSeconds: number
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
    await deliver({ url: sut.url, body, connections: 8, amount: WARMUP })
    await slack.waitFor(WARMUP, LIMIT_MS)
    const cpuBefore = usage(sut.pid).cpuSeconds
    const started = performance.now()
    const load = await deliver({ url: sut.url, body, connections: CONNECTIONS, amount: EVENTS })
    await slack.waitFor(WARMUP + EVENTS, LIMIT_MS)
    const seconds = (performance.now() - started) / 1000
    const u = usage(sut.pid)
    const { messages, refused } = await slack.count()
    console.log(`${sut.name}: ${num(messages - WARMUP)} messages at the fake Slack (${refused} other requests), ${load.failed} failed deliveries`)
    return { eventsPerSecond: EVENTS / seconds, load, seconds, peakRss: u.peakRssBytes, cpuSeconds: u.cpuSeconds - cpuBefore }
  } finally {
    await sut.stop()
    await slack.close()
  }
}

console.log(`bench/end-to-end: ${num(EVENTS)} events, 1 per delivery, ${CONNECTIONS} connections, node ${process.version}`)
const columns: [string, Outcome][] = []
columns.push(['cardflow', await measure((slackUrl) => startCardflow({ slackUrl, concurrency: 4 }))])
// The default of 4 runs at once keeps a small box calm; the full run also shows a larger pool.
if (!SHORT) columns.push([`cardflow -c ${TUNED}`, await measure((slackUrl) => startCardflow({ slackUrl, concurrency: TUNED }))])
columns.push(['Node-RED 4.1.15', await measure((slackUrl) => startNodeRed(slackUrl))])
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
const nodeRed = columns.at(-1)![1].eventsPerSecond
for (const [name, o] of columns.slice(0, -1)) ratio(`${name} / Node-RED events/s`, o.eventsPerSecond, nodeRed, '>= 2x')
