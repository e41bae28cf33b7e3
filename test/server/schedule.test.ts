/**
 * Scheduled flows under `flow serve`'s engine, on a clock the test moves by hand: each slot fires
 * once as the clock passes it; a restart neither fires a slot again nor drops the slots missed
 * meanwhile (they follow the flow's catch-up policy); several engines on one PostgreSQL store fire
 * each slot once. test/cli/schedule.test.ts runs the same with `flow serve` processes on a real clock.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openStore, type Store } from '../../store/index.ts'
import { freshSchema, PG_SKIP, type TestSchema } from '../postgres.ts'
import { type Running, startEngine, waitFor } from './helpers.ts'

const flow = (every: string, catchUp?: string) => `name: Tick
trigger:
  id: tick
  card: control.scheduledFlow
  options: { every: ${every}${catchUp ? `, catchUp: ${catchUp}` : ''} }
cards:
  - { id: said, card: text.compose, inputs: { text: "ran for {{tick.execution_time}}" } }
`

function flowsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cardflow-schedule-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `${name}.yaml`), text)
  return dir
}

/** A clock the test sets. */
function clock(start: string) {
  let now = new Date(start)
  return {
    now: () => now,
    set(at: string) {
      now = new Date(at)
    },
  }
}

const slots = async (store: Store, flowName: string) => (await store.listRuns({ flow: flowName, limit: 1000 })).map((r) => r.slot).reverse()

describe('scheduled flows on a controlled clock', () => {
  const dirs: string[] = []
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })
  const start = async (files: Record<string, string>, c: ReturnType<typeof clock>, dataDir?: string): Promise<Running> => {
    const dir = flowsDir(files)
    dirs.push(dir)
    // ticks are driven by the test; the timer's own would come at a time the test does not choose
    return startEngine({ flowsDir: dir, now: c.now, scheduleEveryMs: 3_600_000, ...(dataDir && { dataDir }) })
  }

  it('fires each slot once as the clock passes it, with the slot as its execution time', async () => {
    const c = clock('2026-11-20T10:02:00Z')
    const e = await start({ tick: flow('5 minutes') }, c)
    try {
      const { scheduler, store } = e.engine
      c.set('2026-11-20T10:04:59Z')
      assert.equal(await scheduler.tick(), 0, 'nothing is due before 10:05')
      c.set('2026-11-20T10:05:00.300Z')
      assert.equal(await scheduler.tick(), 1)
      assert.equal(await scheduler.tick(), 0, 'the same slot is not fired twice')
      c.set('2026-11-20T10:10:02Z')
      assert.equal(await scheduler.tick(), 1)
      assert.deepEqual(await slots(store, 'tick'), ['2026-11-20T10:05:00.000Z', '2026-11-20T10:10:00.000Z'])
      const [latest] = await store.listRuns({ flow: 'tick' })
      const run = await waitFor(async () => {
        const r = await store.getRun(latest!.id)
        return r?.status === 'succeeded' && r
      }, 'the scheduled run to finish')
      assert.equal(run.source, 'schedule')
      assert.equal(run.record?.cards.find((x) => x.id === 'said')?.outputs?.output, 'ran for 2026-11-20T10:10:00.000Z')
    } finally {
      await e.close()
    }
  })

  it('after a restart runs once for the latest missed slot, and never a slot again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cardflow-schedule-data-'))
    dirs.push(dataDir)
    const c = clock('2026-11-20T10:02:00Z')
    const files = { tick: flow('5 minutes'), every: flow('5 minutes', 'all'), skip: flow('5 minutes', 'none') }
    const first = await start(files, c, dataDir)
    c.set('2026-11-20T10:05:01Z')
    assert.equal(await first.engine.scheduler.tick(), 3)
    await first.close()

    // down from 10:05 to 10:27: the 10:10, 10:15, 10:20 and 10:25 slots came due meanwhile
    c.set('2026-11-20T10:27:00Z')
    const second = await start(files, c, dataDir)
    try {
      const { store } = second.engine
      await waitFor(async () => (await slots(store, 'tick')).length === 2, 'the catch-up run of tick')
      assert.deepEqual(await slots(store, 'tick'), ['2026-11-20T10:05:00.000Z', '2026-11-20T10:25:00.000Z'], 'latest: once, for 10:25')
      assert.deepEqual(await slots(store, 'every'), ['05', '10', '15', '20', '25'].map((m) => `2026-11-20T10:${m}:00.000Z`), 'all: each missed slot')
      assert.deepEqual(await slots(store, 'skip'), ['2026-11-20T10:05:00.000Z'], 'none: no missed slot')
      assert.equal(await second.engine.scheduler.tick(), 0)
      c.set('2026-11-20T10:30:00Z')
      assert.equal(await second.engine.scheduler.tick(), 3, 'every policy runs a slot that is due now')
    } finally {
      await second.close()
    }

    // a restart with the clock set back (another machine's clock, or a correction) fires nothing again
    c.set('2026-11-20T10:26:00Z')
    const third = await start(files, c, dataDir)
    try {
      assert.equal(await third.engine.scheduler.tick(), 0)
      assert.equal((await slots(third.engine.store, 'tick')).length, 3)
    } finally {
      await third.close()
    }
  })

  it('runs a slot that came due less than a minute ago under every policy: a late tick misses nothing', async () => {
    const c = clock('2026-11-20T10:00:30Z')
    const e = await start({ skip: flow('minute', 'none') }, c)
    try {
      c.set('2026-11-20T10:02:50Z')
      // 10:01 came due 110 s ago (missed: skipped), 10:02 50 s ago (runs)
      assert.equal(await e.engine.scheduler.tick(), 1)
      assert.deepEqual(await slots(e.engine.store, 'skip'), ['2026-11-20T10:02:00.000Z'])
    } finally {
      await e.close()
    }
  })

  it('starts a flow it sees for the first time at its next slot, not at the slots before', async () => {
    const c = clock('2026-11-20T10:07:00Z')
    const e = await start({ tick: flow('5 minutes') }, c)
    try {
      assert.deepEqual(await slots(e.engine.store, 'tick'), [])
      c.set('2026-11-20T10:10:00Z')
      assert.equal(await e.engine.scheduler.tick(), 1)
    } finally {
      await e.close()
    }
  })
})

describe('scheduled flows on a PostgreSQL store shared by several engines', { skip: PG_SKIP }, () => {
  const schemas: TestSchema[] = []
  const dirs: string[] = []
  after(async () => {
    for (const s of schemas) await s.drop()
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  it('fires each slot once whichever engines tick', async () => {
    const place = freshSchema('sched')
    schemas.push(place)
    const dir = flowsDir({ tick: flow('5 minutes'), every: flow('5 minutes', 'all') })
    dirs.push(dir)
    const c = clock('2026-11-20T10:02:00Z')
    const engines: Running[] = []
    try {
      for (let i = 0; i < 3; i++) engines.push(await startEngine({ store: await openStore(place.url()), flowsDir: dir, now: c.now, scheduleEveryMs: 3_600_000, concurrency: i === 0 ? 2 : 0 }))
      for (const at of ['10:05:00.2', '10:05:03', '10:10:00.1', '10:26:00', '10:30:00']) {
        c.set(`2026-11-20T${at}Z`)
        await Promise.all(engines.map((e) => e.engine.scheduler.tick()))
      }
      const store = engines[0]!.engine.store
      assert.deepEqual(await slots(store, 'tick'), ['05', '10', '25', '30'].map((m) => `2026-11-20T10:${m}:00.000Z`))
      assert.deepEqual(await slots(store, 'every'), ['05', '10', '15', '20', '25', '30'].map((m) => `2026-11-20T10:${m}:00.000Z`))
    } finally {
      for (const e of engines) await e.close()
    }
  })
})
