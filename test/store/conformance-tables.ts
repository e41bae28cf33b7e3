/**
 * The table rows part of the store conformance suite (conformance.ts calls it inside each
 * backend's suite): the rows Tables cards keep, through the Store interface only.
 */
import assert from 'node:assert/strict'
import { it } from 'node:test'
import type { RowQuery, TableDef } from '../../engine/tables.ts'
import type { Store } from '../../store/index.ts'

const PEOPLE: TableDef = {
  name: 'people',
  columns: [
    { name: 'name', type: 'text' },
    { name: 'age', type: 'number' },
    { name: 'active', type: 'boolean' },
    { name: 'since', type: 'date' },
    { name: 'team.name', type: 'text' },
  ],
}

const SEED = [
  { name: 'Ada', age: 36, active: true, since: '2020-01-02T00:00:00.000Z', 'team.name': 'core' },
  { name: 'bob', age: 9, active: false, since: '2021-05-06T00:00:00.000Z', 'team.name': 'ops' },
  { name: 'Cy', age: 80, active: true, since: null, 'team.name': '' },
  { name: 'Ada Lovelace', age: null, active: null, since: '2019-12-31T22:00:00.000Z', 'team.name': 'core' },
]

export function tableRowsCases(current: () => { store: Store; open(): Promise<Store> }): void {
  const names = async (query: Partial<RowQuery>) => (await current().store.searchRows(PEOPLE, { where: [], ...query })).map((r) => r.values.name)

  it('keeps table rows: add, read, update, delete, count and clear, each table apart', async () => {
    const { store } = current()
    const [a, b] = await store.insertRows('people', [SEED[0]!, SEED[1]!])
    await store.insertRows('other', [{ name: 'elsewhere' }])
    assert.ok(a && b && a.id !== b.id && typeof a.id === 'string')
    assert.ok(!Number.isNaN(Date.parse(a.created)) && a.updated === a.created)
    assert.deepEqual((await store.getRow('people', a.id))?.values, SEED[0])
    assert.equal(await store.getRow('other', a.id), undefined, 'a row id of another table names no row here')
    const updated = await store.updateRow('people', a.id, { age: 37, name: null })
    assert.deepEqual(updated?.values, { ...SEED[0], age: 37, name: null })
    assert.equal(await store.updateRow('people', '999999', { age: 1 }), undefined)
    assert.equal(await store.getRow('people', 'not-a-number'), undefined)
    assert.equal(await store.countRows('people'), 2)
    assert.equal(await store.deleteRow('people', b.id), true)
    assert.equal(await store.deleteRow('people', b.id), false)
    assert.equal(await store.clearTable('people'), 1)
    assert.equal(await store.countRows('people'), 0)
    assert.equal(await store.countRows('other'), 1)
  })

  it('merges concurrent updates of one row from two engines: no update is lost', async () => {
    const { store, open } = current()
    const other = await open()
    try {
      const columns = Array.from({ length: 20 }, (_, i) => `c${i}`)
      const [row] = await store.insertRows('marks', [Object.fromEntries(columns.map((c) => [c, null]))])
      // every update sets its own column; half go through each engine, all at once
      await Promise.all(columns.map((c, i) => (i % 2 === 0 ? store : other).updateRow('marks', row!.id, { [c]: i })))
      const final = (await other.getRow('marks', row!.id))!.values
      assert.deepEqual(columns.filter((c, i) => final[c] !== i), [], 'columns whose update was lost')
    } finally {
      await other.close()
    }
  })

  it('searches rows with bound filters, AND before OR, sort, limit and offset', async () => {
    await current().store.insertRows('people', SEED)
    assert.deepEqual(await names({ where: [{ column: 'name', op: '=', value: 'Ada' }] }), ['Ada'])
    assert.deepEqual(await names({ where: [{ column: 'name', op: 'contains', value: 'Ada' }] }), ['Ada', 'Ada Lovelace'])
    assert.deepEqual(await names({ where: [{ column: 'name', op: 'contains', value: 'ada' }] }), [], 'text comparisons are case-sensitive')
    assert.deepEqual(await names({ where: [{ column: 'name', op: 'starts with', value: 'Ada ' }] }), ['Ada Lovelace'])
    assert.deepEqual(await names({ where: [{ column: 'name', op: 'ends with', value: 'b' }] }), ['bob'])
    assert.deepEqual(await names({ where: [{ column: 'age', op: '>', value: '10' }] }), ['Ada', 'Cy'], 'numbers compare as numbers')
    assert.deepEqual(await names({ where: [{ column: 'age', op: '<=', value: 36 }] }), ['Ada', 'bob'])
    assert.deepEqual(await names({ where: [{ column: 'active', op: '=', value: true }] }), ['Ada', 'Cy'])
    assert.deepEqual(await names({ where: [{ column: 'active', op: '!=', value: true }] }), ['bob', 'Ada Lovelace'])
    assert.deepEqual(await names({ where: [{ column: 'since', op: '<', value: '2020-01-01T00:00:00+01:00' }] }), ['Ada Lovelace'], 'dates compare as times')
    assert.deepEqual(await names({ where: [{ column: 'team.name', op: 'is empty' }] }), ['Cy'])
    assert.deepEqual(await names({ where: [{ column: 'since', op: 'is empty' }] }), ['Cy'])
    assert.deepEqual(await names({ where: [{ column: 'age', op: 'is not empty' }] }), ['Ada', 'bob', 'Cy'])
    const where: RowQuery['where'] = [
      { column: 'team.name', op: '=', value: 'core' },
      { column: 'age', op: '>', value: 30, join: 'and' },
      { column: 'name', op: '=', value: 'bob', join: 'or' },
    ]
    assert.deepEqual(await names({ where }), ['Ada', 'bob'])
    assert.deepEqual(await names({ sort: { column: 'age', direction: 'desc' } }), ['Cy', 'Ada', 'bob', 'Ada Lovelace'])
    assert.deepEqual(await names({ sort: { column: 'name', direction: 'asc' }, limit: 2, offset: 1 }), ['Ada Lovelace', 'Cy'])
    assert.deepEqual(await names({ where: [{ column: 'name', op: '=', value: "x' OR '1'='1" }] }), [], 'a value is a value, never SQL')
  })

  it('refuses a column the table does not define before reaching the database', async () => {
    const { store } = current()
    await assert.rejects(store.searchRows(PEOPLE, { where: [{ column: 'name) OR 1=1 --', op: '=', value: 'x' }] }), /no column "name\) OR 1=1 --"/)
    await assert.rejects(store.searchRows(PEOPLE, { where: [], sort: { column: 'nope', direction: 'asc' } }), /no column "nope"/)
    await assert.rejects(store.searchRows(PEOPLE, { where: [{ column: 'age', op: 'contains', value: '1' }] }), /compares text/)
  })
}
