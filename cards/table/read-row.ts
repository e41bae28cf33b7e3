import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { rowObject } from '../../engine/tables.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'
import { exportedTable, noRow, RowId, stashKeys, TableName, tableOf, tableStep } from '../lib/table-card.ts'

const PEOPLE = { columns: [{ name: 'email', type: 'text' as const }, { name: 'active', type: 'boolean' as const }] }
const T = '2026-11-20T10:02:44.901Z'

export default defineCard({
  type: 'table.readRow',
  title: 'Tables - Read Row',
  description:
    'Reads one row of a table by its Row ID: `Row` holds its columns with `Row ID`, `Created` and `Updated` ' +
    '(`{{read.Row.email}}`). A Row ID the table does not hold fails the card.',
  kind: 'function',
  inputs: Type.Object({ Table: TableName, 'Row ID': RowId }),
  outputs: Type.Object({ Row: Type.Record(Type.String(), Type.Unknown(), { description: 'The row: its columns, Row ID, Created and Updated.' }) }),
  examples: [
    {
      title: 'reads a row by its id',
      tables: { people: { ...PEOPLE, rows: [{ email: 'ann@example.com', active: true }] } },
      inputs: { Table: 'people', 'Row ID': '1' },
      outputs: { Row: { email: 'ann@example.com', active: true, 'Row ID': '1', Created: T, Updated: T } },
    },
    { title: 'fails on a row that is not there', tables: { people: PEOPLE }, inputs: { Table: 'people', 'Row ID': '42' }, error: 'no row with Row ID "42"' },
  ],
  okta: {
    keys: stashKeys('readRow'),
    map: (v) => mapped({ Table: exportedTable(v), 'Row ID': inputOf(v, ['Row ID', 'rowId', 'id']) ?? '' }, Object.fromEntries(v.outputKeys().map((k) => [k, ['Row', k]]))),
  },
  async run(ctx, inputs) {
    const { def, rows } = tableOf(ctx, inputs.Table)
    const row = await tableStep(ctx, () => rows.getRow(def.name, inputs['Row ID']))
    if (!row) noRow(ctx, def.name, inputs['Row ID'])
    return { Row: rowObject(row, def.columns.map((c) => c.name)) }
  },
})
