/** The Tables cards on a temporary store: what they leave in the table, beyond their outputs. */
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { runFlow } from '../../engine/run.ts'
import type { TableDef } from '../../engine/tables.ts'
import { type TemporaryTables, temporaryTables } from '../../store/table-provider.ts'
import { planOf } from '../helpers.ts'

const PEOPLE: TableDef = { name: 'people', columns: [{ name: 'email', type: 'text' }, { name: 'logins', type: 'number', default: 0 }, { name: 'active', type: 'boolean' }] }

function flow(cards: unknown[]): string {
  return JSON.stringify({ name: 't', trigger: { id: 'start', card: 'control.helperFlow', options: { inputs: ['email'] } }, cards })
}

describe('Tables cards', () => {
  let t: TemporaryTables
  beforeEach(async () => {
    t = await temporaryTables(new Map([['people', PEOPLE]]), { people: [{ email: 'ann@example.com', logins: 3, active: true }] })
  })
  afterEach(() => t.close())
  const run = (cards: unknown[]) => runFlow(planOf(flow(cards), 't.yaml'), {}, { tables: t.provider })
  const values = async () => (await t.store.searchRows(PEOPLE, { where: [] })).map((r) => r.values)

  it('creates a row, reads it back by the id it gave, updates and deletes it', async () => {
    const record = await run([
      { id: 'add', card: 'table.createRow', inputs: { Table: 'people', Fields: { email: 'bob@example.com', active: 'true' } } },
      { id: 'read', card: 'table.readRow', inputs: { Table: 'people', 'Row ID': '{{add.Row ID}}' } },
      { id: 'bump', card: 'table.updateRow', inputs: { Table: 'people', 'Row ID': '{{add.Row ID}}', Fields: { logins: '{{read.Row.logins}}', email: null } } },
      { id: 'again', card: 'table.readRow', inputs: { Table: 'people', 'Row ID': '{{add.Row ID}}' } },
      { id: 'drop', card: 'table.deleteRow', inputs: { Table: 'people', 'Row ID': '{{add.Row ID}}' } },
    ])
    assert.equal(record.status, 'succeeded', JSON.stringify(record.error))
    const read = record.cards.find((c) => c.id === 'read')!.outputs as { Row: Record<string, unknown> }
    assert.deepEqual([read.Row.email, read.Row.logins, read.Row.active, read.Row['Row ID']], ['bob@example.com', 0, true, '2'])
    const again = record.cards.find((c) => c.id === 'again')!.outputs as { Row: Record<string, unknown> }
    assert.equal(again.Row.email, 'bob@example.com', 'an empty value leaves its column by default')
    assert.deepEqual(await values(), [{ email: 'ann@example.com', logins: 3, active: true }])
  })

  it('empties a column when Update Empty Inputs is true', async () => {
    const record = await run([{ id: 'u', card: 'table.updateRow', inputs: { Table: 'people', 'Row ID': '1', Fields: { email: '', active: null }, 'Update Empty Inputs': true } }])
    assert.equal(record.status, 'succeeded')
    assert.deepEqual(await values(), [{ email: '', logins: 3, active: null }])
  })

  it('round-trips rows through Export to CSV and Import From CSV, text with quotes, commas and line breaks included', async () => {
    await t.store.insertRows('people', [{ email: 'a "quoted", odd\nvalue', logins: 1.5, active: false }, { email: ' padded ', logins: null, active: null }])
    const record = await run([
      { id: 'out', card: 'table.exportToCsv', inputs: { Table: 'people' } },
      { id: 'clear', card: 'table.clearTable', inputs: { Table: 'people' } },
      { id: 'in', card: 'table.importFromCsv', inputs: { Table: 'people', 'File Content': '{{out.File Content}}' } },
    ])
    assert.equal(record.status, 'succeeded', JSON.stringify(record.error))
    assert.deepEqual(record.cards.map((c) => c.outputs), [record.cards[0]!.outputs, { 'Cleared Rows': 3 }, { 'Imported Rows': 3 }])
    // every value comes back as it was, empty ones included
    assert.deepEqual(await values(), [
      { email: 'ann@example.com', logins: 3, active: true },
      { email: 'a "quoted", odd\nvalue', logins: 1.5, active: false },
      { email: ' padded ', logins: null, active: null },
    ])
  })

  it('imports all records or none', async () => {
    const record = await run([{ id: 'in', card: 'table.importFromCsv', inputs: { Table: 'people', 'File Content': 'email,logins\nx@example.com,1\ny@example.com,NaN?\n' } }])
    assert.equal(record.status, 'failed')
    assert.match(record.error!.message, /CSV record 3: column "logins" holds numbers/)
    assert.equal(await t.store.countRows('people'), 1)
  })

  it('takes a filter value from an event as a value, never as SQL', async () => {
    const plan = planOf(flow([{ id: 's', card: 'table.searchRows', inputs: { Table: 'people', 'Where Expression': [{ column: 'email', op: '=', value: '{{start.email}}' }] } }]), 't.yaml')
    const hostile = await runFlow(plan, { email: "x' OR '1'='1" }, { tables: t.provider })
    assert.deepEqual((hostile.cards[0]!.outputs as { Rows: unknown[] }).Rows, [])
    const found = await runFlow(plan, { email: 'ann@example.com' }, { tables: t.provider })
    assert.equal((found.cards[0]!.outputs as { Rows: unknown[] }).Rows.length, 1)
  })

  it('fails the card, naming the table, when a run has no table store', async () => {
    const record = await runFlow(planOf(flow([{ id: 'c', card: 'table.clearTable', inputs: { Table: 'people' } }]), 't.yaml'), {})
    assert.equal(record.status, 'failed')
    assert.match(record.error!.message, /no table store/)
  })
})
