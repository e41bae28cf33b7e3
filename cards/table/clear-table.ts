import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { mapped } from '../../importer/mapping.ts'
import { exportedTable, stashKeys, TableName, tableOf, tableStep } from '../lib/table-card.ts'

const PEOPLE = { columns: [{ name: 'email', type: 'text' as const }] }

export default defineCard({
  type: 'table.clearTable',
  title: 'Tables - Clear Table',
  description: 'Deletes every row of a table, in one transaction; the table itself (its definition) stays. Gives how many rows were deleted.',
  kind: 'function',
  inputs: Type.Object({ Table: TableName }),
  outputs: Type.Object({ 'Cleared Rows': Type.Integer({ description: 'How many rows were deleted.' }) }),
  examples: [
    { title: 'deletes every row', tables: { people: { ...PEOPLE, rows: [{ email: 'a@example.com' }, { email: 'b@example.com' }] } }, inputs: { Table: 'people' }, outputs: { 'Cleared Rows': 2 } },
    { title: 'clears an empty table', tables: { people: PEOPLE }, inputs: { Table: 'people' }, outputs: { 'Cleared Rows': 0 } },
  ],
  okta: { keys: stashKeys('clearTable'), map: (v) => mapped({ Table: exportedTable(v) }) },
  async run(ctx, inputs) {
    const { def, rows } = tableOf(ctx, inputs.Table)
    return { 'Cleared Rows': await tableStep(ctx, () => rows.clearTable(def.name)) }
  },
})
