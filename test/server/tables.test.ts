/**
 * Tables cards under `flow serve`, end to end: many runs at once, through the worker pool, on one
 * table in the engine's store. Updates of one row by concurrent runs all land; concurrent creates
 * each get their own row.
 */
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { TableDef } from '../../engine/tables.ts'
import { openStore } from '../../store/index.ts'
import { freshSchema, PG_SKIP, type TestSchema } from '../postgres.ts'
import { type Running, startEngine } from './helpers.ts'

const FLOWS = fileURLToPath(new URL('../fixtures/server/table-flows/', import.meta.url))
const COLUMNS = Array.from({ length: 20 }, (_, i) => `c${String(i).padStart(2, '0')}`)

describe('Tables cards in flow serve', () => {
  let s: Running
  before(async () => {
    s = await startEngine({ flowsDir: FLOWS, concurrency: 8, apiConcurrency: 32 })
  })
  after(() => s.close())

  const post = async (slug: string, body: unknown) => {
    const res = await fetch(`${s.url}/api/flows/${slug}/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const run = await s.engine.store.getRun(res.headers.get('x-cardflow-run-id')!)
    assert.equal(run?.status, 'succeeded', JSON.stringify(run?.error))
    return res
  }

  it('keeps every column that concurrent runs set in one row: no update is lost', async () => {
    const [row] = await s.engine.store.insertRows('marks', [{ name: 'shared' }])
    await Promise.all(COLUMNS.map((c) => post('mark', { row: row!.id, fields: { [c]: true } })))
    const stored = await s.engine.store.getRow('marks', row!.id)
    assert.deepEqual(COLUMNS.filter((c) => stored?.values[c] !== true), [], 'columns whose update was lost')
    assert.equal(stored?.values.name, 'shared')
  })

  it('gives each of many concurrent Create Row runs its own row', async () => {
    const names = Array.from({ length: 24 }, (_, i) => `n${i}`)
    const ids = await Promise.all(names.map(async (name) => ((await (await post('add', { name })).json()) as { id: string }).id))
    assert.equal(new Set(ids).size, names.length)
    const def: TableDef = { name: 'marks', columns: [{ name: 'name', type: 'text' }] }
    const rows = await s.engine.store.searchRows(def, { where: [{ column: 'name', op: 'starts with', value: 'n' }] })
    assert.deepEqual(rows.map((r) => r.values.name).sort(), [...names].sort())
  })

  it('fails a run whose fields name a column the table does not define, storing nothing', async () => {
    const [row] = await s.engine.store.insertRows('marks', [{ name: 'x' }])
    const res = await fetch(`${s.url}/api/flows/mark/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ row: row!.id, fields: { 'name") --': 'y' } }) })
    const run = await s.engine.store.getRun(res.headers.get('x-cardflow-run-id')!)
    assert.equal(run?.status, 'failed')
    assert.match(run?.error?.message ?? '', /has no column "name"\) --"/)
    assert.equal((await s.engine.store.getRow('marks', row!.id))?.values.name, 'x')
  })
})

describe('Tables cards on two engines sharing PostgreSQL', { skip: PG_SKIP }, () => {
  let schema: TestSchema
  let engines: Running[]
  before(async () => {
    schema = freshSchema('tables')
    engines = []
    for (let i = 0; i < 2; i++) engines.push(await startEngine({ flowsDir: FLOWS, store: await openStore(schema.url()), concurrency: 4, apiConcurrency: 16 }))
  })
  after(async () => {
    for (const e of engines) await e.close()
    await schema.drop()
  })

  it('keeps every column that runs on both engines set in one row at once', async () => {
    const store = engines[0]!.engine.store
    const [row] = await store.insertRows('marks', [{ name: 'shared' }])
    await Promise.all(
      COLUMNS.map(async (c, i) => {
        const res = await fetch(`${engines[i % 2]!.url}/api/flows/mark/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ row: row!.id, fields: { [c]: true } }) })
        const run = await store.getRun(res.headers.get('x-cardflow-run-id')!)
        assert.equal(run?.status, 'succeeded', JSON.stringify(run?.error))
      }),
    )
    const stored = await store.getRow('marks', row!.id)
    assert.deepEqual(COLUMNS.filter((c) => stored?.values[c] !== true), [], 'columns whose update was lost')
  })
})
