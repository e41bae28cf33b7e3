/**
 * Okta hook deliveries accepted durably per second (authenticated, validated, stored with their
 * runs in one SQLite transaction, WAL + synchronous=FULL, answered 200 only after commit), and
 * the ack latency at a fixed 500 deliveries/s; against a bare express handler answering 200
 * without storing, same load generator. `flow serve` runs with --concurrency 0 so only intake
 * is measured. One delivery in 20 repeats an earlier eventId (a redelivery, answered 200, stored
 * once).
 */
import { deliver, type LoadResult } from './lib/load.ts'
import { hookBodies as bodies } from './lib/okta.ts'
import { type Sut, startBare, startCardflow, usage } from './lib/procs.ts'
import { mib, num, ratio, row, SHORT } from './lib/report.ts'

const seconds = SHORT ? 2 : 20
const CONNECTIONS = 32
const FIXED_RATE = 500

interface Measured {
  max: LoadResult
  fixed: LoadResult
  /** Main-thread CPU per delivery at max, µs, and the share of the time it was busy. */
  mainMicros: number
  mainBusy: number
}

async function measure(sut: Sut): Promise<Measured> {
  await deliver({ url: sut.url, body: bodies('warm'), connections: 8, amount: 500 })
  const mainBefore = usage(sut.pid).mainThreadSeconds
  const max = await deliver({ url: sut.url, body: bodies('max'), connections: CONNECTIONS, seconds })
  const main = usage(sut.pid).mainThreadSeconds - mainBefore
  const fixed = await deliver({ url: sut.url, body: bodies('fixed'), connections: CONNECTIONS, seconds, rate: FIXED_RATE })
  const u = usage(sut.pid)
  console.log(`${sut.name}: peak RSS ${mib(u.peakRssBytes)}, CPU ${num(u.cpuSeconds, 1)} s${sut.dbBytes() ? `, database ${mib(sut.dbBytes())}` : ''}`)
  for (const r of [max, fixed]) if (r.failed > 0) console.log(`  WARNING: ${r.failed} requests failed or were not 200`)
  return { max, fixed, mainMicros: (main * 1e6) / max.ok, mainBusy: main / max.seconds }
}

console.log(`bench/intake: ${seconds} s per phase, ${CONNECTIONS} connections, 1 event (~1.9 KB) per delivery, node ${process.version}`)
// `--before <checkout>`: the same measure of another checkout first (a change's before and after)
const beforeAt = process.argv.indexOf('--before')
const beforeRoot = beforeAt > 0 ? process.argv[beforeAt + 1] : undefined
let was: Measured | undefined
if (beforeRoot) {
  const old = await startCardflow({ slackUrl: 'http://127.0.0.1:9/', concurrency: 0, root: beforeRoot, name: 'cardflow before' })
  was = await measure(old).finally(() => old.stop())
}
const cardflow = await startCardflow({ slackUrl: 'http://127.0.0.1:9/', concurrency: 0 })
const cf = await measure(cardflow).finally(() => cardflow.stop())
const bare = await startBare()
const base = await measure(bare).finally(() => bare.stop())

console.log('')
row('', 'cardflow', 'bare express')
row('max deliveries/s', num(cf.max.perSecond), num(base.max.perSecond))
row('  p50 / p99 latency at max (ms)', `${cf.max.p50} / ${cf.max.p99}`, `${base.max.p50} / ${base.max.p99}`)
row('  main thread µs per delivery; busy', `${num(cf.mainMicros)}; ${num(cf.mainBusy * 100)}%`, `${num(base.mainMicros)}; ${num(base.mainBusy * 100)}%`)
row(`at ${FIXED_RATE}/s: deliveries/s`, num(cf.fixed.perSecond), num(base.fixed.perSecond))
row(`at ${FIXED_RATE}/s: p50 / p99 (ms)`, `${cf.fixed.p50} / ${cf.fixed.p99}`, `${base.fixed.p50} / ${base.fixed.p99}`)
ratio('bare / cardflow deliveries/s', base.max.perSecond, cf.max.perSecond)
ratio('cardflow / bare deliveries/s', cf.max.perSecond, base.max.perSecond, '>= 0.5x')
// both are limited by their main thread: this ratio moves less with the box's load than the rates
ratio('bare / cardflow main-thread time per delivery', base.mainMicros, cf.mainMicros)
if (was) {
  row('before: max deliveries/s, p50 / p99 (ms)', num(was.max.perSecond), `${was.max.p50} / ${was.max.p99}`)
  row(`before: at ${FIXED_RATE}/s p50 / p99 (ms); main thread µs`, `${was.fixed.p50} / ${was.fixed.p99}`, num(was.mainMicros))
  ratio('cardflow / cardflow before deliveries/s', cf.max.perSecond, was.max.perSecond)
}
console.log(`  aim: >= 3,000 deliveries/s (${cf.max.perSecond >= 3000 ? 'met' : 'not met'}); p99 < 50 ms at ${FIXED_RATE}/s (${cf.fixed.p99 < 50 ? 'met' : 'not met'})`)
