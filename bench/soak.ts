/**
 * Memory under a steady load: `flow serve` takes deliveries at a fixed rate for 10 minutes
 * (`--short`: 30 s) while its workers send every run's message to the fake Slack. RSS and the
 * V8 heap's share of it are sampled every second; the slope of a least-squares line through the
 * samples of the second half (after warm-up) says whether memory grows per run. It must stay
 * flat. Retention is left at its defaults (pruning runs hourly), so the database grows on disk,
 * not in memory.
 *
 * RSS alone cannot tell a leak from warm-up (the V8 heap growing to its working size, code
 * compiled, allocator arenas), which a 30-second run is still in. So the engine runs with
 * `--trace-gc` and the bench also reads the live heap after each full (mark-compact) GC: a leak
 * keeps what it took, so the live heap grows with the runs; warm-up grows RSS with a flat live
 * heap. The verdict uses both: flat, warm-up, or GROWING. In quick mode every GC is a full one
 * (`--gc-global`), so 30 seconds give dozens of points (it costs the engine some CPU); a live heap
 * growing by less than QUICK_LEAK_BYTES_PER_RUN is then said to need the full soak, not called a leak.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { deliver } from './lib/load.ts'
import { deliveryJson, eventJson } from './lib/okta.ts'
import { startCardflow, usage } from './lib/procs.ts'
import { mib, num, SHORT, sleep } from './lib/report.ts'
import { startSlack } from './lib/slack.ts'

const SECONDS = SHORT ? 30 : 600
/**
 * What the quick mode can resolve. Over 30 s the live heap after full GCs still moves by up to
 * about 150 bytes per run from warm-up alone (-20 to 145 in six quick runs of two checkouts on
 * one box, where the full soak of the same code was flat), across the 1 MiB/min (about 80 bytes
 * per run) the full soak holds to. A run that kept its record would keep about 3 KB.
 */
const QUICK_LEAK_BYTES_PER_RUN = 512
const RATE = 100 // deliveries per second, 3 events each: 300 events/s, 150 runs/s
const EVENTS_PER_DELIVERY = 3

/** Least-squares slope of y over x. */
function slope(points: readonly [number, number][]): number {
  const n = points.length
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const num_ = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  return den === 0 ? 0 : num_ / den
}

console.log(`bench/soak: ${SECONDS} s at ${RATE} deliveries/s of ${EVENTS_PER_DELIVERY} events (half fire a Slack message), node ${process.version}`)
const slack = await startSlack()
// Quick mode makes every GC a full one (--gc-global), so 30 s give enough live-heap points.
const sut = await startCardflow({ slackUrl: slack.url, nodeArgs: ['--trace-gc', ...(SHORT ? ['--gc-global'] : [])] })

/** Live heap (MiB) after each mark-compact GC, at seconds since the engine started: V8's --trace-gc lines. */
function liveHeapAfterFullGcs(): [number, number][] {
  const text = readFileSync(join(sut.dir, 'out.log'), 'latin1')
  const points: [number, number][] = []
  for (const m of text.matchAll(/\s(\d+) ms: Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/g)) points.push([Number(m[1]) / 1000, Number(m[2])])
  return points
}

const samples: [number, number][] = []
try {
  let n = 0
  const kinds = ['notify', 'unmonitored', 'other', 'notify'] as const
  const body = () => {
    const events = Array.from({ length: EVENTS_PER_DELIVERY }, () => eventJson(kinds[n % kinds.length]!, n++, 'soak'))
    return deliveryJson(`soak-d${n}`, events)
  }
  // full GCs of the engine's start (compiling, loading flows) are not the load's
  const gcsBefore = liveHeapAfterFullGcs().length
  const started = performance.now()
  const sampler = setInterval(() => samples.push([(performance.now() - started) / 1000, usage(sut.pid).rssBytes]), 1000)
  const load = await deliver({ url: sut.url, body, connections: 8, seconds: SECONDS, rate: RATE }).finally(() => clearInterval(sampler))
  await sleep(1000)
  const { messages } = await slack.count()
  const half = samples.slice(Math.floor(samples.length / 2))
  const perSecond = slope(half)
  const first = samples[0]?.[1] ?? 0
  const last = samples.at(-1)?.[1] ?? 0
  const runsPerSecond = (n * 0.75) / SECONDS
  console.log(`deliveries ${num(load.ok)} (${load.failed} failed), ack p50 ${load.p50} ms, p99 ${load.p99} ms; Slack messages ${num(messages)}`)
  console.log(`RSS at start ${mib(first)}, at end ${mib(last)}, peak ${mib(Math.max(...samples.map(([, y]) => y)))}`)
  console.log(`RSS slope over the second half: ${num(perSecond / 1024, 1)} KiB/s, ${num((perSecond * 60) / 1024 / 1024, 2)} MiB/min, ${num(perSecond / runsPerSecond, 0)} bytes per run`)
  const gcs = liveHeapAfterFullGcs().slice(gcsBefore)
  const lateGcs = gcs.slice(Math.floor(gcs.length / 2))
  const heapPerMinute = lateGcs.length >= 3 ? slope(lateGcs) * 60 : undefined
  console.log(
    `live heap after full GCs under load: ${gcs.length} GCs, ${gcs.slice(0, 40).map(([, mib]) => num(mib, 1)).join(' → ')}${gcs.length > 40 ? ' …' : ''} MiB, last ${num(gcs.at(-1)?.[1] ?? 0, 1)}` +
      (heapPerMinute === undefined ? '' : `; slope over the second half of them: ${num(heapPerMinute, 2)} MiB/min, ${num((heapPerMinute * 1024 * 1024) / 60 / runsPerSecond, 0)} bytes per run`),
  )
  const rssFlat = perSecond * 60 < 1024 * 1024
  const heapFlat = heapPerMinute !== undefined && heapPerMinute < 1
  const heapPerRun = heapPerMinute === undefined ? 0 : (heapPerMinute * 1024 * 1024) / 60 / runsPerSecond
  const verdict = rssFlat
    ? 'flat (no growth of 1 MiB/min or more)'
    : heapPerMinute === undefined
      ? `RSS grows, too few full GCs (${gcs.length}) to tell warm-up from a leak: run the full soak`
      : heapFlat
        ? 'warm-up (RSS grows while the live heap after full GCs stays flat)'
        : SHORT && heapPerRun < QUICK_LEAK_BYTES_PER_RUN
          ? `warm-up or a leak under ${QUICK_LEAK_BYTES_PER_RUN} bytes per run, which 30 s cannot tell apart: run the full soak`
          : 'GROWING (the live heap after full GCs grows: a leak)'
  console.log(`verdict: ${verdict}`)
} finally {
  await sut.stop()
  await slack.close()
}
