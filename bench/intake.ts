/**
 * Okta hook deliveries accepted durably per second (authenticated, validated, stored with their
 * runs in one SQLite transaction, WAL + synchronous=FULL, answered 200 only after commit), and
 * the ack latency at a fixed 500 deliveries/s; against a bare express handler answering 200
 * without storing, same load generator. `flow serve` runs with --concurrency 0 so only intake
 * is measured. One delivery in 20 repeats an earlier eventId (a redelivery, answered 200, stored
 * once).
 *
 * Every server runs for the whole bench, and their maximum rates are measured in rounds
 * (`--rounds N`; 3 in the full run, 1 with `--short`), one after the other, in the opposite order
 * each round: the box's speed drifts from one minute to the next, and one measure per server
 * compared two different minutes (0.44x to 0.53x in three runs of the same code). Each figure is
 * the median of its rounds, each ratio the median of the ratios within a round.
 */
import { deliver, type LoadResult } from './lib/load.ts'
import { hookBodies as bodies } from './lib/okta.ts'
import { type Sut, startBare, startCardflow, usage } from './lib/procs.ts'
import { countFlag, median, mib, num, roundsRatio, row, SHORT } from './lib/report.ts'

const seconds = SHORT ? 2 : 10
const ROUNDS = countFlag('rounds', SHORT ? 1 : 3)
const CONNECTIONS = 32
const FIXED_RATE = 500

interface MaxPhase {
  load: LoadResult
  /** Main-thread CPU per delivery, µs, and the share of the time it was busy. */
  mainMicros: number
  mainBusy: number
}

/** As many deliveries as the server takes, for `seconds`. */
async function maxPhase(sut: Sut, tag: string): Promise<MaxPhase> {
  const mainBefore = usage(sut.pid).mainThreadSeconds
  const load = await deliver({ url: sut.url, body: bodies(tag), connections: CONNECTIONS, seconds })
  const main = usage(sut.pid).mainThreadSeconds - mainBefore
  if (load.failed > 0) console.log(`  WARNING: ${sut.name}: ${load.failed} requests failed or were not 200`)
  return { load, mainMicros: (main * 1e6) / load.ok, mainBusy: main / load.seconds }
}

console.log(`bench/intake: ${ROUNDS} round(s) of ${seconds} s at the maximum, then ${seconds} s at ${FIXED_RATE}/s; ${CONNECTIONS} connections, 1 event (~1.9 KB) per delivery, node ${process.version}`)
// `--before <checkout>`: the same measure of another checkout beside it (a change's before and after)
const beforeAt = process.argv.indexOf('--before')
const beforeRoot = beforeAt > 0 ? process.argv[beforeAt + 1] : undefined
const suts: Sut[] = []
try {
  if (beforeRoot) suts.push(await startCardflow({ slackUrl: 'http://127.0.0.1:9/', concurrency: 0, root: beforeRoot, name: 'cardflow before' }))
  const cardflow = await startCardflow({ slackUrl: 'http://127.0.0.1:9/', concurrency: 0 })
  const bare = await startBare()
  suts.push(cardflow, bare)
  for (const sut of suts) await deliver({ url: sut.url, body: bodies(`warm-${sut.name}`), connections: 8, amount: 500 })

  const rounds: Map<Sut, MaxPhase>[] = []
  for (let r = 0; r < ROUNDS; r++) {
    const round = new Map<Sut, MaxPhase>()
    for (const sut of r % 2 === 0 ? suts : [...suts].reverse()) round.set(sut, await maxPhase(sut, `max${r}`))
    rounds.push(round)
    if (ROUNDS > 1) console.log(`round ${r + 1}: ${suts.map((s) => `${s.name} ${num(round.get(s)!.load.perSecond)}`).join(', ')} deliveries/s`)
  }
  const fixed = new Map<Sut, LoadResult>()
  for (const sut of suts) fixed.set(sut, await deliver({ url: sut.url, body: bodies('fixed'), connections: CONNECTIONS, seconds, rate: FIXED_RATE }))
  for (const sut of suts) {
    const u = usage(sut.pid)
    console.log(`${sut.name}: peak RSS ${mib(u.peakRssBytes)}, CPU ${num(u.cpuSeconds, 1)} s${sut.dbBytes() ? `, database ${mib(sut.dbBytes())}` : ''}`)
  }

  /** A figure of one server: the median of its rounds. */
  const fig = (sut: Sut, f: (m: MaxPhase) => number) => median(rounds.map((round) => f(round.get(sut)!)))
  /** The ratio of two servers' figures within each round. */
  const within = (a: Sut, b: Sut, f: (m: MaxPhase) => number) => rounds.map((round) => f(round.get(a)!) / f(round.get(b)!))
  const rate = (m: MaxPhase) => m.load.perSecond
  const micros = (m: MaxPhase) => m.mainMicros

  console.log('')
  row(ROUNDS > 1 ? `(medians of ${ROUNDS} rounds)` : '', ...suts.map((s) => s.name))
  row('max deliveries/s', ...suts.map((s) => num(fig(s, rate))))
  row('  p50 / p99 latency at max (ms)', ...suts.map((s) => `${num(fig(s, (m) => m.load.p50))} / ${num(fig(s, (m) => m.load.p99))}`))
  row('  main thread µs per delivery; busy', ...suts.map((s) => `${num(fig(s, micros))}; ${num(fig(s, (m) => m.mainBusy * 100))}%`))
  row(`at ${FIXED_RATE}/s: deliveries/s`, ...suts.map((s) => num(fixed.get(s)!.perSecond)))
  row(`at ${FIXED_RATE}/s: p50 / p99 (ms)`, ...suts.map((s) => `${fixed.get(s)!.p50} / ${fixed.get(s)!.p99}`))
  roundsRatio('bare / cardflow deliveries/s', within(bare, cardflow, rate))
  roundsRatio('cardflow / bare deliveries/s', within(cardflow, bare, rate), '>= 0.5x')
  // both are limited by their main thread: this ratio moves less with the box's load than the rates
  roundsRatio('bare / cardflow main-thread time per delivery', within(bare, cardflow, micros))
  if (beforeRoot) roundsRatio('cardflow / cardflow before deliveries/s', within(cardflow, suts[0]!, rate))
  const max = fig(cardflow, rate)
  const p99 = fixed.get(cardflow)!.p99
  console.log(`  aim: >= 3,000 deliveries/s (${max >= 3000 ? 'met' : 'not met'}); p99 < 50 ms at ${FIXED_RATE}/s (${p99 < 50 ? 'met' : 'not met'})`)
} finally {
  await Promise.all(suts.map((s) => s.stop()))
}
