/**
 * Several engines on one PostgreSQL database, next to one engine on its SQLite file: Okta hook
 * deliveries stored and answered (intake, `--concurrency 0`) and events from the hook POST to
 * the fake Slack's message (end to end, `--concurrency 4` per engine), with 1, 2 and 3
 * `flow serve` processes sharing the database. The load is split evenly over the engines, as a
 * round-robin balancer would (each engine gets its share of the connections). Besides the rates:
 * the engines' CPU per event, the database server's CPU per event (its processes serving the
 * bench's database, from /proc), and statements per event (each store call is one statement,
 * so one round trip; PostgreSQL counts them as transactions). Ratios are against SQLite.
 */
import { deliver, type LoadResult } from './lib/load.ts'
import { deliveryJson, eventJson, hookBodies } from './lib/okta.ts'
import { type BenchDatabase, cpuBetween, createBenchDatabase } from './lib/postgres.ts'
import { type Sut, startCardflow, usage } from './lib/procs.ts'
import { num, ratio, row, SHORT, sleep } from './lib/report.ts'
import { startSlack } from './lib/slack.ts'

const SECONDS = SHORT ? 3 : 15
const EVENTS = SHORT ? 600 : 10_000
const WARMUP = SHORT ? 120 : 300
const CONNECTIONS = 24
const LIMIT_MS = SHORT ? 90_000 : 400_000

interface Setup {
  name: string
  engines: number
  /** The store URL, or undefined for a SQLite file per engine (only with one engine). */
  store: string | undefined
}

interface Figures {
  perSecond: number
  p50: number
  p99: number
  engineCpuMs: number
  serverCpuMs: number | undefined
  statements: number | undefined
}

async function startEngines(setup: Setup, concurrency: number, slackUrl: string): Promise<Sut[]> {
  const one = (i: number) => startCardflow({ slackUrl, concurrency, name: `engine ${i + 1}`, ...(setup.store && { store: setup.store }) })
  // the first creates the tables; the others start together on them
  const first = await one(0)
  const rest = await Promise.allSettled(Array.from({ length: setup.engines - 1 }, (_, i) => one(i + 1)))
  const started = [first, ...rest.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))]
  const failed = rest.find((r) => r.status === 'rejected')
  if (failed) {
    await Promise.all(started.map((s) => s.stop()))
    throw failed.reason
  }
  return started
}

/**
 * Runs `work` against the setup's engines and measures what it cost: CPU from the moment the
 * work calls `measure()` (after its warm-up) to its end, statements over the engines' whole life
 * (PostgreSQL reports them as its processes end) divided by every delivery sent. `events` counts
 * the measured events, `sent` every delivery.
 */
async function measured(
  setup: Setup,
  db: BenchDatabase | undefined,
  engines: () => Promise<Sut[]>,
  work: (suts: Sut[], measure: () => Promise<void>) => Promise<{ loads: LoadResult[]; events: number; seconds: number; sent: number }>,
): Promise<Figures> {
  const tx0 = setup.store && db ? await db.transactions() : 0
  const suts = await engines()
  let result: Awaited<ReturnType<typeof work>>
  let engineCpu = 0
  let serverCpu: number | undefined
  try {
    let cpu0: number[] = []
    let server0: Map<number, number> | undefined
    result = await work(suts, async () => {
      cpu0 = suts.map((s) => usage(s.pid).cpuSeconds)
      server0 = setup.store && db ? await db.serverCpu() : undefined
    })
    engineCpu = suts.reduce((sum, s, i) => sum + usage(s.pid).cpuSeconds - cpu0[i]!, 0)
    if (server0 && db) serverCpu = cpuBetween(server0, await db.serverCpu())
  } finally {
    await Promise.all(suts.map((s) => s.stop()))
  }
  let statements: number | undefined
  if (setup.store && db) {
    await sleep(1500) // server processes report their counts as they exit
    statements = (await db.transactions()) - tx0
  }
  const { loads, events, seconds, sent } = result
  return {
    perSecond: events / seconds,
    p50: Math.max(...loads.map((l) => l.p50)),
    p99: Math.max(...loads.map((l) => l.p99)),
    engineCpuMs: (engineCpu * 1000) / events,
    serverCpuMs: serverCpu === undefined ? undefined : (serverCpu * 1000) / events,
    statements: statements === undefined ? undefined : statements / sent,
  }
}

function intake(setup: Setup, db: BenchDatabase | undefined): Promise<Figures> {
  return measured(setup, db, () => startEngines(setup, 0, 'http://127.0.0.1:9/'), async (suts, measure) => {
    const n = suts.length
    await Promise.all(suts.map((s, i) => deliver({ url: s.url, body: hookBodies(`warm${i}`), connections: 4, amount: WARMUP / n })))
    await measure()
    const loads = await Promise.all(suts.map((s, i) => deliver({ url: s.url, body: hookBodies(`max${i}`), connections: CONNECTIONS / n, seconds: SECONDS })))
    const ok = loads.reduce((sum, l) => sum + l.ok, 0)
    for (const l of loads) if (l.failed > 0) console.log(`  WARNING: ${l.failed} deliveries failed or were not 200`)
    return { loads, events: ok, seconds: Math.max(...loads.map((l) => l.seconds)), sent: ok + WARMUP }
  })
}

async function endToEnd(setup: Setup, db: BenchDatabase | undefined): Promise<Figures> {
  const slack = await startSlack()
  try {
    return await measured(setup, db, () => startEngines(setup, 4, slack.url), async (suts, measure) => {
      const n = suts.length
      const bodies = (tag: string) => {
        let k = 0
        return () => {
          k++
          return deliveryJson(`${tag}-d${k}`, [eventJson('notify', k, tag)])
        }
      }
      await Promise.all(suts.map((s, i) => deliver({ url: s.url, body: bodies(`w${i}`), connections: 4, amount: WARMUP / n })))
      await slack.waitFor(WARMUP, LIMIT_MS)
      await measure()
      const started = performance.now()
      const loads = await Promise.all(suts.map((s, i) => deliver({ url: s.url, body: bodies(`e${i}`), connections: CONNECTIONS / n, amount: EVENTS / n })))
      await slack.waitFor(WARMUP + EVENTS, LIMIT_MS)
      const seconds = (performance.now() - started) / 1000
      const { messages } = await slack.count()
      if (messages !== WARMUP + EVENTS) console.log(`  WARNING: ${messages} Slack messages for ${WARMUP + EVENTS} events`)
      return { loads, events: EVENTS, seconds, sent: WARMUP + EVENTS }
    })
  } finally {
    await slack.close()
  }
}

function report(title: string, setups: Setup[], figures: Figures[], unit: string): void {
  console.log(`\n${title}`)
  row('', ...setups.map((s) => s.name))
  row(`${unit}/s`, ...figures.map((f) => num(f.perSecond)))
  row('ack p50 / p99 (ms)', ...figures.map((f) => `${f.p50} / ${f.p99}`))
  row(`engine CPU per ${unit} (ms)`, ...figures.map((f) => num(f.engineCpuMs, 2)))
  row(`database CPU per ${unit} (ms)`, ...figures.map((f) => (f.serverCpuMs === undefined ? 'in-process' : num(f.serverCpuMs, 2))))
  row(`statements per ${unit}`, ...figures.map((f) => (f.statements === undefined ? '-' : num(f.statements, 2))))
  for (let i = 1; i < setups.length; i++) ratio(`${setups[i]!.name} / ${setups[0]!.name} ${unit}s/s`, figures[i]!.perSecond, figures[0]!.perSecond)
}

console.log(`bench/engines: intake ${SECONDS} s, end to end ${num(EVENTS)} events, ${CONNECTIONS} connections split over the engines, node ${process.version}`)
const db = await createBenchDatabase()
try {
  const setups: Setup[] = [{ name: 'SQLite', engines: 1, store: undefined }]
  if (db) for (const n of [1, 2, 3]) setups.push({ name: `PostgreSQL x${n}`, engines: n, store: db.storeUrl(`intake_${n}`) })
  const intakeFigures: Figures[] = []
  for (const s of setups) intakeFigures.push(await intake(s, db))
  report('intake: deliveries stored and answered 200', setups, intakeFigures, 'delivery')
  const e2eSetups = setups.map((s, i) => ({ ...s, store: i === 0 || !db ? undefined : db.storeUrl(`e2e_${s.engines}`) }))
  const e2eFigures: Figures[] = []
  for (const s of e2eSetups) e2eFigures.push(await endToEnd(s, db))
  report('end to end: hook POST to Slack message', e2eSetups, e2eFigures, 'event')
} finally {
  await db?.drop()
}
