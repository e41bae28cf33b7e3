import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { rowValues } from '../../engine/tables.ts'
import { inputOf, mapped, yesNo } from '../../importer/mapping.ts'
import { exportedColumns, exportedTable, noRow, RowId, stashKeys, TableName, tableOf, tableStep } from '../lib/table-card.ts'

const PEOPLE = { columns: [{ name: 'email', type: 'text' as const }, { name: 'logins', type: 'number' as const }] }
const ANN = { email: 'ann@example.com', logins: 3 }
const isEmpty = (v: unknown) => v === null || v === undefined || v === ''

export default defineCard({
  type: 'table.updateRow',
  title: 'Tables - Update Row',
  description:
    'Sets the columns Fields names in one row, leaving its other columns as they are. The store merges them into ' +
    'the row as stored at that instant, in one transaction, so runs updating the same row at once lose none of ' +
    "each other's columns. With Update Empty Inputs false (Okta's No, the default) an empty value leaves its " +
    'column unchanged; true sets it empty. A Row ID the table does not hold fails the card.',
  kind: 'function',
  inputs: Type.Object({
    Table: TableName,
    'Row ID': RowId,
    Fields: Type.Record(Type.String(), Type.Unknown(), { default: {}, description: 'New values by column name.' }),
    'Update Empty Inputs': Type.Boolean({ default: false, description: 'Whether an empty value (null, empty text) empties its column.' }),
  }),
  outputs: Type.Object({}),
  examples: [
    { title: 'sets one column, keeps the others', tables: { people: { ...PEOPLE, rows: [ANN] } }, inputs: { Table: 'people', 'Row ID': '1', Fields: { logins: 4 } }, outputs: {} },
    { title: 'leaves a column alone for an empty value by default', tables: { people: { ...PEOPLE, rows: [ANN] } }, inputs: { Table: 'people', 'Row ID': '1', Fields: { email: '' } }, outputs: {} },
    { title: 'fails on a row that is not there', tables: { people: PEOPLE }, inputs: { Table: 'people', 'Row ID': '9', Fields: { logins: 1 } }, error: 'no row with Row ID "9"' },
  ],
  okta: {
    keys: stashKeys('updateRow'),
    map: (v) =>
      mapped({
        Table: exportedTable(v),
        'Row ID': inputOf(v, ['Row ID', 'rowId', 'id']) ?? '',
        Fields: exportedColumns(v, ['Row ID', 'rowId', 'id', 'Update Empty Inputs', 'updateEmpty']),
        'Update Empty Inputs': yesNo(inputOf(v, ['Update Empty Inputs', 'updateEmpty'])),
      }),
  },
  async run(ctx, inputs) {
    const { def, rows } = tableOf(ctx, inputs.Table)
    const given = Object.entries(inputs.Fields).filter(([, v]) => inputs['Update Empty Inputs'] || !isEmpty(v))
    const updated = await tableStep(ctx, () => rows.updateRow(def.name, inputs['Row ID'], rowValues(def, Object.fromEntries(given)), ctx.now()))
    if (!updated) noRow(ctx, def.name, inputs['Row ID'])
    return {}
  },
})
