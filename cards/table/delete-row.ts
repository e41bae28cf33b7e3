import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'
import { exportedTable, noRow, RowId, stashKeys, TableName, tableOf, tableStep } from '../lib/table-card.ts'

const PEOPLE = { columns: [{ name: 'email', type: 'text' as const }] }

export default defineCard({
  type: 'table.deleteRow',
  title: 'Tables - Delete Row',
  description: 'Deletes one row of a table by its Row ID. A Row ID the table does not hold (already deleted, or never there) fails the card.',
  kind: 'function',
  inputs: Type.Object({ Table: TableName, 'Row ID': RowId }),
  outputs: Type.Object({}),
  examples: [
    { title: 'deletes a row', tables: { people: { ...PEOPLE, rows: [{ email: 'ann@example.com' }] } }, inputs: { Table: 'people', 'Row ID': '1' }, outputs: {} },
    { title: 'fails on a row that is not there', tables: { people: PEOPLE }, inputs: { Table: 'people', 'Row ID': '1' }, error: 'no row with Row ID "1"' },
  ],
  okta: { keys: stashKeys('deleteRow'), map: (v) => mapped({ Table: exportedTable(v), 'Row ID': inputOf(v, ['Row ID', 'rowId', 'id']) ?? '' }) },
  async run(ctx, inputs) {
    const { def, rows } = tableOf(ctx, inputs.Table)
    if (!(await tableStep(ctx, () => rows.deleteRow(def.name, inputs['Row ID'])))) noRow(ctx, def.name, inputs['Row ID'])
    return {}
  },
})
