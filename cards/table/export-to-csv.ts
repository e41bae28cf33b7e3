import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { csvDelimiter, toCsv } from '../../engine/csv.ts'
import { MAX_SEARCH_ROWS } from '../../engine/tables.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'
import { conditions, exportedTable, exportedWhere, stashKeys, TableName, tableOf, tableStep, WhereExpression } from '../lib/table-card.ts'

const PEOPLE = { columns: [{ name: 'email', type: 'text' as const }, { name: 'note', type: 'text' as const }, { name: 'logins', type: 'number' as const }] }
const ROWS = [
  { email: 'ann@example.com', note: 'says "hi", often', logins: 3 },
  { email: 'bob@example.com', note: null, logins: 12 },
]

export default defineCard({
  type: 'table.exportToCsv',
  title: 'Tables - Export to CSV',
  description:
    'Writes the rows of a table as CSV text (RFC 4180: a header line of column names, fields with the delimiter, ' +
    'a quote or a line break quoted): all rows, or those the Where Expression keeps, from Offset, at most Limit. ' +
    'Columns picks and orders the columns (default: all, as the table defines them). Okta writes the file to ' +
    'its file system; here `File Content` holds the CSV text, for Import From CSV, a mail attachment or an HTTP body.',
  kind: 'function',
  inputs: Type.Object({
    Table: TableName,
    Filename: Type.String({ default: 'export.csv', description: 'The name the file is given (`File Name` output).' }),
    'Where Expression': WhereExpression,
    Columns: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'The columns to write, in order.' })),
    Delimiter: Type.String({ default: ',', description: 'One character between fields.' }),
    Limit: Type.Optional(Type.Integer({ minimum: 0, description: `At most this many rows; 0 or none: up to ${MAX_SEARCH_ROWS}.` })),
    Offset: Type.Integer({ minimum: 0, default: 0 }),
  }),
  outputs: Type.Object({
    'File Name': Type.String(),
    'File Content': Type.String({ description: 'The CSV text.' }),
    'Row Count': Type.Integer({ description: 'How many rows it holds.' }),
  }),
  examples: [
    {
      title: 'writes every row, quoting where CSV needs it',
      tables: { people: { ...PEOPLE, rows: ROWS } },
      inputs: { Table: 'people', Filename: 'people.csv' },
      outputs: { 'File Name': 'people.csv', 'File Content': 'email,note,logins\r\nann@example.com,"says ""hi"", often",3\r\nbob@example.com,,12\r\n', 'Row Count': 2 },
    },
    {
      title: 'writes chosen columns of the rows a filter keeps, with another delimiter',
      tables: { people: { ...PEOPLE, rows: ROWS } },
      inputs: { Table: 'people', Columns: ['logins', 'email'], Delimiter: '|', 'Where Expression': [{ column: 'logins', op: '>', value: 5 }] },
      outputs: { 'File Name': 'export.csv', 'File Content': 'logins|email\r\n12|bob@example.com\r\n', 'Row Count': 1 },
    },
  ],
  okta: {
    keys: stashKeys('exportToCSV', 'exportToCsv', 'exportCSV'),
    map: (v) =>
      mapped({
        Table: exportedTable(v),
        Filename: inputOf(v, ['Filename', 'filename']),
        'Where Expression': exportedWhere(v),
        Delimiter: inputOf(v, ['Delimiter', 'delimiter']) || undefined,
        Limit: inputOf(v, ['Limit', 'limit']) || undefined,
        Offset: inputOf(v, ['Offset', 'offset']) || undefined,
      }),
  },
  async run(ctx, inputs) {
    const { def, rows } = tableOf(ctx, inputs.Table)
    return tableStep(ctx, async () => {
      const delimiter = csvDelimiter(inputs.Delimiter)
      const columns = inputs.Columns ?? def.columns.map((c) => c.name)
      for (const c of columns) if (!def.columns.some((d) => d.name === c)) throw new Error(`table "${def.name}" has no column "${c}"`)
      const found = await rows.searchRows(def, { where: conditions(inputs['Where Expression']), ...(inputs.Limit && { limit: inputs.Limit }), offset: inputs.Offset })
      return { 'File Name': inputs.Filename, 'File Content': toCsv(columns, found.map((r) => r.values), delimiter), 'Row Count': found.length }
    })
  },
})
