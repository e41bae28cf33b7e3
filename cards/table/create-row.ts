import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { newRowValues } from '../../engine/tables.ts'
import { mapped } from '../../importer/mapping.ts'
import { exportedColumns, exportedTable, stashKeys, TableName, tableOf, tableStep } from '../lib/table-card.ts'

const PEOPLE = { columns: [{ name: 'email', type: 'text' as const }, { name: 'logins', type: 'number' as const, default: 0 }] }

export default defineCard({
  type: 'table.createRow',
  title: 'Tables - Create Row',
  description:
    'Adds a row to a table. Fields gives values by column name, each converted to its column\'s type (numbers ' +
    'from numeric text, true/false, dates as ISO times); a column it leaves out takes the column\'s default, ' +
    'else null. A column the table lacks, or a value that does not fit, fails the card. Gives the new `Row ID`.',
  kind: 'function',
  inputs: Type.Object({
    Table: TableName,
    Fields: Type.Record(Type.String(), Type.Unknown(), { default: {}, description: 'The new row\'s values by column name.' }),
  }),
  outputs: Type.Object({ 'Row ID': Type.String({ description: 'The id of the row created.' }) }),
  examples: [
    { title: 'adds a row; an unset column takes its default', tables: { people: PEOPLE }, inputs: { Table: 'people', Fields: { email: 'ann@example.com' } }, outputs: { 'Row ID': '1' } },
    { title: 'converts numeric text for a number column', tables: { people: PEOPLE }, inputs: { Table: 'people', Fields: { email: 'bob@example.com', logins: '12' } }, outputs: { 'Row ID': '1' } },
    { title: 'fails on a value that does not fit the column', tables: { people: PEOPLE }, inputs: { Table: 'people', Fields: { logins: 'many' } }, error: 'column "logins" holds numbers' },
    { title: 'fails on a table that is not defined', inputs: { Table: 'nowhere', Fields: {} }, error: 'no table "nowhere"' },
  ],
  okta: { keys: stashKeys('createRow'), map: (v) => mapped({ Table: exportedTable(v), Fields: exportedColumns(v) }) },
  async run(ctx, inputs) {
    const { def, rows } = tableOf(ctx, inputs.Table)
    const [row] = await tableStep(ctx, () => rows.insertRows(def.name, [newRowValues(def, inputs.Fields)], ctx.now()))
    return { 'Row ID': row!.id }
  },
})
