import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { MAX_SEARCH_ROWS, rowObject } from '../../engine/tables.ts'
import { mapped } from '../../importer/mapping.ts'
import { conditions, exportedTable, exportedWhere, stashKeys, TableName, tableOf, tableStep, WhereExpression } from '../lib/table-card.ts'

const PEOPLE = { columns: [{ name: 'email', type: 'text' as const }, { name: 'logins', type: 'number' as const }] }
const ROWS = [
  { email: 'ann@example.com', logins: 3 },
  { email: 'bob@example.com', logins: 12 },
  { email: 'cy@example.org', logins: 7 },
]
const T = '2026-11-20T10:02:44.901Z'
const row = (id: string, values: Record<string, unknown>) => ({ ...values, 'Row ID': id, Created: T, Updated: T })

export default defineCard({
  type: 'table.searchRows',
  title: 'Tables - Search Rows',
  description:
    'Finds the rows of a table that meet the Where Expression, sorted by a column (else in the order they were ' +
    `added), from Offset, at most Limit of them (and never more than ${MAX_SEARCH_ROWS}, as in Okta). \`Rows\` ` +
    'lists them, each with its columns, `Row ID`, `Created` and `Updated`; `Row` is the first (null when none ' +
    'matches). With Result Set "First matching row" only that row is read. Filter values are compared as the ' +
    "column's type; text comparisons are case-sensitive.",
  kind: 'function',
  inputs: Type.Object({
    Table: TableName,
    'Result Set': Type.Union([Type.Literal('All matching rows'), Type.Literal('First matching row')], { default: 'All matching rows' }),
    'Where Expression': WhereExpression,
    Column: Type.Optional(Type.String({ minLength: 1, description: 'Sort by this column.' })),
    Direction: Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc', description: 'Ascending (A to Z, 0 to 9) or descending.' }),
    Limit: Type.Optional(Type.Integer({ minimum: 0, description: `At most this many rows; 0 or none: up to ${MAX_SEARCH_ROWS}.` })),
    Offset: Type.Integer({ minimum: 0, default: 0, description: 'Skip this many matching rows first (0: start at the first).' }),
  }),
  outputs: Type.Object({
    Rows: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'The matching rows.' }),
    Row: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], { description: 'The first matching row, or null.' }),
  }),
  examples: [
    {
      title: 'finds the rows over a number, largest first',
      tables: { people: { ...PEOPLE, rows: ROWS } },
      inputs: { Table: 'people', 'Where Expression': [{ column: 'logins', op: '>', value: 5 }], Column: 'logins', Direction: 'desc' },
      outputs: { Rows: [row('2', ROWS[1]!), row('3', ROWS[2]!)], Row: row('2', ROWS[1]!) },
    },
    {
      title: 'finds the first row whose text ends with a value',
      tables: { people: { ...PEOPLE, rows: ROWS } },
      inputs: { Table: 'people', 'Result Set': 'First matching row', 'Where Expression': [{ column: 'email', op: 'ends with', value: '@example.com' }] },
      outputs: { Rows: [row('1', ROWS[0]!)], Row: row('1', ROWS[0]!) },
    },
    { title: 'gives no rows and a null row when none matches', tables: { people: PEOPLE }, inputs: { Table: 'people' }, outputs: { Rows: [], Row: null } },
    { title: 'fails on a column the table does not have', tables: { people: PEOPLE }, inputs: { Table: 'people', Column: 'age' }, error: 'has no column "age"' },
  ],
  okta: {
    keys: stashKeys('searchRows2', 'searchRows'),
    map: (v) => {
      const first = v.input('resultSet') === 'one'
      const outputs = Object.fromEntries(v.outputKeys().filter((k) => k !== 'Rows').map((k) => [k, ['Row', k]]))
      return mapped(
        {
          Table: exportedTable(v),
          ...(first && { 'Result Set': 'First matching row' }),
          'Where Expression': exportedWhere(v),
          Column: v.input('Column') || undefined,
          Direction: v.input('Direction'),
          Limit: v.input('Limit') || undefined,
          Offset: v.input('Offset') || undefined,
        },
        outputs,
      )
    },
  },
  async run(ctx, inputs) {
    const { def, rows } = tableOf(ctx, inputs.Table)
    const first = inputs['Result Set'] === 'First matching row'
    const limit = first ? 1 : inputs.Limit
    const found = await tableStep(ctx, () =>
      rows.searchRows(def, {
        where: conditions(inputs['Where Expression']),
        ...(inputs.Column && { sort: { column: inputs.Column, direction: inputs.Direction } }),
        ...(limit && { limit }),
        offset: inputs.Offset,
      }),
    )
    const list = found.map((r) => rowObject(r, def.columns.map((c) => c.name)))
    return { Rows: list, Row: list[0] ?? null }
  },
})
