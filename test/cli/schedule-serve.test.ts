/**
 * Scheduled flows with `flow serve` processes on the real clock, a slot every second: a restart
 * neither fires a slot twice nor drops one (the slots run are consecutive seconds, each once),
 * and two engines on one PostgreSQL store fire each slot once between them. `flow schedule`
 * lists the same flow's next fire times.
 */
import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { openStore } from '../../store/index.ts'
import { flowCli } from '../helpers.ts'
import { type Served, spawnServe } from '../serve-process.ts'
import { freshSchema, PG_SKIP, type TestSchema } from '../postgres.ts'
import { waitFor } from '../wait.ts'

const ENV = { ...process.env, OKTA_HOOK_SECRET: 'schedule-hook-secret', LOG_LEVEL: 'info', CARDFLOW_CONNECTIONS: '' }
const EVERY_SECOND = `name: Every second
trigger: { id: tick, card: control.scheduledFlow, options: { cron: "* * * * * *" } }
cards:
  - { id: said, card: text.compose, inputs: { text: "slot {{tick.execution_time}}" } }
`

const children: ChildProcess[] = []

const serve = (flows: string, store: string): Promise<Served> => spawnServe(['--flows', flows, '--store', store, '--port', '0', '--no-watch', '--log-format', 'json'], ENV, children)

async function stop(s: Served): Promise<void> {
  s.child.kill('SIGTERM')
  assert.equal(await s.exited, 0, s.lines.join('\n'))
}

/** The slots run so far, oldest first, as epoch seconds. */
async function slotsIn(storeUrl: string): Promise<number[]> {
  const store = await openStore(storeUrl, { create: false })
  try {
    const runs = await store.listRuns({ flow: 'tick', limit: 10_000 })
    return runs.map((r) => Date.parse(r.slot!) / 1000).sort((a, b) => a - b)
  } finally {
    await store.close()
  }
}

function assertConsecutive(slots: number[]): void {
  assert.equal(new Set(slots).size, slots.length, `no slot twice: ${slots}`)
  for (let i = 1; i < slots.length; i++) assert.equal(slots[i]! - slots[i - 1]!, 1, `no slot dropped between ${slots[i - 1]} and ${slots[i]}: ${slots}`)
}

describe('scheduled flows under flow serve', () => {
  const dirs: string[] = []
  const schemas: TestSchema[] = []
  const flowsDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'cardflow-sched-serve-'))
    dirs.push(d)
    writeFileSync(join(d, 'tick.yaml'), EVERY_SECOND)
    return d
  }
  after(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
    for (const s of schemas) await s.drop()
  })

  it('fires every slot once across a restart', async () => {
    const flows = flowsDir()
    const store = `sqlite:${join(flows, 'store.db')}`
    const first = await serve(flows, store)
    await waitFor(async () => (await slotsIn(store)).length >= 2, 'two slots before the restart')
    await stop(first)
    const before = await slotsIn(store)
    const second = await serve(flows, store)
    await waitFor(async () => (await slotsIn(store)).length >= before.length + 2, 'two slots after the restart')
    await stop(second)
    const slots = await slotsIn(store)
    // a restart slower than a minute (a loaded machine) makes the older slots missed: the catch-up
    // policy then runs the latest of them once, and says so; otherwise every slot ran
    if (second.lines.some((l) => /missed while no engine ran; running once for the latest/.test(l))) assert.equal(new Set(slots).size, slots.length)
    else assertConsecutive(slots)
    assert.ok(slots.length >= before.length + 2)
    // the slots that came due while no engine ran were fired by the second engine
    assert.ok(second.lines.some((l) => /"msg":"flow tick: fired slot/.test(l)))
    const history = await flowCli(['history', '--store', store, '--flow', 'tick', '--limit', '1'])
    assert.match(history.out, new RegExp(`tick  \\S+  slot ${new Date(slots.at(-1)! * 1000).toISOString()}`))
  })

  it('lists the flow\'s next fire times with `flow schedule`', async () => {
    const flows = flowsDir()
    const { code, out } = await flowCli(['schedule', '--flows', flows, '--count', '2', '--from', '2026-11-20T10:00:00Z', '--json'])
    assert.equal(code, 0)
    assert.deepEqual(JSON.parse(out), [{ flow: 'tick', cron: '* * * * * *', timeZone: 'UTC', catchUp: 'latest', next: ['2026-11-20T10:00:01.000Z', '2026-11-20T10:00:02.000Z'] }])
  })

  it('`flow schedule` says which flow has no schedule, and where a schedule is wrong', async () => {
    const flows = flowsDir()
    writeFileSync(join(flows, 'by-hand.yaml'), 'name: By hand\ntrigger: { id: tick, card: control.scheduledFlow, options: { schedule: nightly } }\ncards: []\n')
    writeFileSync(join(flows, 'wrong.yaml'), 'name: Wrong\ntrigger:\n  id: tick\n  card: control.scheduledFlow\n  options: { every: 7 minutes }\ncards: []\n')
    const { code, out, err } = await flowCli(['schedule', '--flows', flows, '--count', '1', '--from', '2026-11-20T10:00:00Z'])
    assert.equal(code, 2)
    assert.match(out, /by-hand: no schedule \(set `every` or `cron`\); it runs only when started by hand/)
    assert.match(out, /tick: \* \* \* \* \* \* \(UTC, catchUp latest\)\n {2}2026-11-20T10:00:01\.000Z {2}Fri, 20 Nov 2026, 10:00:01 UTC/)
    assert.match(err, /wrong\.yaml:3:\d+: .*every 7 minutes: Okta offers every 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 minute/)
  })

  it('fires each slot once between two engines on one PostgreSQL store', { skip: PG_SKIP }, async () => {
    const flows = flowsDir()
    const place = freshSchema('sserve')
    schemas.push(place)
    const url = place.url()
    const engines = await Promise.all([serve(flows, url), serve(flows, url)])
    await waitFor(async () => (await slotsIn(url)).length >= 4, 'four slots')
    await Promise.all(engines.map(stop))
    assertConsecutive(await slotsIn(url))
    for (const e of engines) assert.ok(!e.lines.some((l) => /cannot fire the schedule|cannot look for scheduled slots/.test(l)), e.lines.join('\n'))
  })
})
