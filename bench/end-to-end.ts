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
 * CPU profile (default settings) to prof/; `--warmup N` sets the deliveries before the clock
 * starts (3,000; 300 with `--short`); `--before <checkout>` adds a column for another
 * checkout of cardflow at its defaults (a change's before and after in the same run).
 *
 * The box's speed drifts (by ±20% from one minute to the next on a shared virtual machine), so
 * the columns are measured in rounds (`--rounds N`; 3 in the full run, 1 with `--short`), one
 * after the other, in the opposite order each round; each figure is the median of its rounds,
 * and each ratio the median of the ratios within a round, with their range.
 */
import { deliver, type LoadResult } from './lib/load.ts'
import { deliveryJson, eventJson } from './lib/okta.ts'
import { join } from 'node:path'
import { ROOT, type Sut, startCardflow, startLimit, startNodeRed, usage } from './lib/procs.ts'
import { countFlag, median, mib, num, roundsRatio, row, SHORT } from './lib/report.ts'
import { type SlackCounter, startSlack } from './lib/slack.ts'

const EVENTS = SHORT ? 1500 : 20_000
/**
 * Deliveries each system gets before the clock starts (`--warmup N`). 3,000 since 2026-11-29 (300
 * before): the systems are long-running servers, and with 300 the first seconds of the measured
 * 20,000 still ran code the JIT had not yet optimized (every system got faster with more, cardflow
 * more than Node-RED, its code paths being longer).
 */
const WARMUP = countFlag('warmup', SHORT ? 300 : 3000)
const CONNECTIONS = 32
const LIMIT_MS = SHORT ? 60_000 : 300_000
const TUNED = 128
const PROFILE = process.argv.includes('--cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'prof')}`] : []
const ROUNDS = countFlag('rounds', SHORT ? 1 : 3)

interface Outcome {
  eventsPerSecond: number
  load: LoadResult
  seconds: number
  peakRss: number
  cpuSeconds: number
  /** The engine's main thread alone (see usage). */
  mainThreadSeconds: number
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
    const { cpuSeconds: cpuBefore, mainThreadSeconds: mainBefore } = usage(sut.pid)
    const started = performance.now()
    const load = await deliver({ url: sut.url, body, connections: CONNECTIONS, amount: EVENTS })
    await slack.waitFor(before + EVENTS - load.failed, LIMIT_MS)
    const seconds = (performance.now() - started) / 1000
    const u = usage(sut.pid)
    const { messages, refused } = await slack.count()
    console.log(`${sut.name}: ${num(messages - before)} messages at the fake Slack (${refused} other requests), ${warm.failed + load.failed} failed deliveries`)
    const outcome = { eventsPerSecond: EVENTS / seconds, load, seconds, peakRss: u.peakRssBytes, cpuSeconds: u.cpuSeconds - cpuBefore, mainThreadSeconds: u.mainThreadSeconds - mainBefore, dbBytes: 0 }
    outcome.dbBytes = await sut.stop()
    return outcome
  } finally {
    await sut.stop()
    await slack.close()
  }
}

console.log(`bench/end-to-end: ${num(EVENTS)} events after ${num(WARMUP)} to warm up, 1 per delivery, ${CONNECTIONS} connections, ${ROUNDS} round(s), node ${process.version}`)
const before = process.argv.indexOf('--before')
const beforeRoot = before > 0 ? process.argv[before + 1] : undefined
/** Each system by name, and how to start it in a round (only the first round's cardflow is profiled). */
const systems: [string, (slackUrl: string, round: number) => Promise<Sut>][] = []
if (beforeRoot) systems.push(['cardflow before', (slackUrl) => startCardflow({ slackUrl, root: beforeRoot, name: 'cardflow before' })])
systems.push(['cardflow', (slackUrl, round) => startCardflow({ slackUrl, nodeArgs: round === 0 ? PROFILE : [] })])
// The defaults are what is compared; the full run also shows a larger pool.
if (!SHORT) systems.push([`cardflow -c ${TUNED}`, (slackUrl) => startCardflow({ slackUrl, concurrency: TUNED })])
systems.push(['Node-RED 4.1.15', (slackUrl) => startNodeRed(slackUrl)])
systems.push(['limit', (slackUrl) => startLimit(slackUrl)])

/** Each system's outcome in each round. */
const rounds: Map<string, Outcome>[] = []
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? systems : [...systems].reverse()
  const round = new Map<string, Outcome>()
  for (const [name, start] of order) round.set(name, await measure((slackUrl) => start(slackUrl, r)))
  rounds.push(round)
  if (ROUNDS > 1) console.log(`round ${r + 1}: ${systems.map(([name]) => `${name} ${num(round.get(name)!.eventsPerSecond)}`).join(', ')} events/s`)
}

/** A figure of one system: the median of its rounds. */
const fig = (name: string, f: (o: Outcome) => number) => median(rounds.map((round) => f(round.get(name)!)))
const names = systems.map(([name]) => name)
const each = (f: (o: Outcome) => number, show: (n: number) => string) => names.map((name) => show(fig(name, f)))

console.log('')
row(ROUNDS > 1 ? `(medians of ${ROUNDS} rounds)` : '', ...names)
row('events/s, POST to Slack message', ...each((o) => o.eventsPerSecond, (n) => num(n)))
row('wall time (s)', ...each((o) => o.seconds, (n) => num(n, 1)))
row('deliveries acknowledged/s', ...each((o) => o.load.perSecond, (n) => num(n)))
row('ack p50 / p99 (ms)', ...names.map((name) => `${num(fig(name, (o) => o.load.p50))} / ${num(fig(name, (o) => o.load.p99))}`))
row('engine CPU per event (ms)', ...each((o) => (o.cpuSeconds * 1000) / EVENTS, (n) => num(n, 2)))
row('  of it main thread (ms); busy', ...names.map((name) => `${num(fig(name, (o) => (o.mainThreadSeconds * 1000) / EVENTS), 2)}; ${num(fig(name, (o) => (100 * o.mainThreadSeconds) / o.seconds))}%`))
row('engine peak RSS', ...each((o) => o.peakRss, mib))
row('stored durably before the ack', ...names.map((name) => (name.startsWith('cardflow') ? 'yes (fsync)' : 'no')))
row('stored per event (database, KB)', ...each((o) => o.dbBytes, (n) => (n > 0 ? num(n / (EVENTS + WARMUP) / 1000, 2) : '-')))

/** The ratio of two systems' events/s within each round: its median, and the range when there are several. */
function roundRatio(label: string, a: string, b: string, aim?: string): void {
  roundsRatio(label, rounds.map((round) => round.get(a)!.eventsPerSecond / round.get(b)!.eventsPerSecond), aim)
}
const nodeRed = names.find((name) => name.startsWith('Node-RED'))!
for (const name of names.filter((n) => n.startsWith('cardflow'))) {
  roundRatio(`${name} / Node-RED events/s`, name, nodeRed, '>= 1x, then 2x')
  roundRatio(`${name} / limit events/s`, name, 'limit')
}
roundRatio('Node-RED / limit events/s', nodeRed, 'limit')
if (beforeRoot) roundRatio('cardflow / cardflow before events/s', 'cardflow', 'cardflow before')
