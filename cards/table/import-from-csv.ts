import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { csvDelimiter, csvObjects } from '../../engine/csv.ts'
import { newRowValues, type TableDef } from '../../engine/tables.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'
import { exportedTable, stashKeys, TableName, tableOf, tableStep } from '../lib/table-card.ts'

const PEOPLE = { columns: [{ name: 'email', type: 'text' as const }, { name: 'logins', type: 'number' as const }] }

/** CSV header → column: the Mapping, else the Select list, else every header (each must name a column). */
export function csvColumns(def: TableDef, header: readonly string[], select: readonly string[] | undefined, mapping: Record<string, string> | undefined): Map<string, string> {
  const pairs: [string, string][] = mapping ? Object.entries(mapping) : (select ?? header).map((h) => [h, h])
  for (const [from, to] of pairs) {
    if (!header.includes(from)) throw new Error(`the CSV has no column "${from}" (its header: ${header.join(', ')})`)
    if (!def.columns.some((c) => c.name === to)) throw new Error(`table "${def.name}" has no column "${to}"${mapping || select ? '' : ': pick the CSV columns with Select or Mapping'}`)
  }
  return new Map(pairs)
}

export default defineCard({
  type: 'table.importFromCsv',
  title: 'Tables - Import From CSV',
  description:
    'Adds the records of CSV text (with a header line) to a table as new rows, all in one transaction: one ' +
    'value that does not fit its column and none is added. Mapping (CSV header → column) or Select (headers ' +
    'named as the columns) picks what is imported; without either every header must name a column. Columns a ' +
    "record does not set take their default. Empty fields are empty text in text columns, null in others.",
  kind: 'function',
  inputs: Type.Object({
    Table: TableName,
    'File Content': Type.String({ description: 'The CSV text (Export to CSV gives it, or an HTTP body, a file read by the flow).' }),
    Select: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'CSV columns to import into the columns of the same name.' })),
    Mapping: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'CSV column name → table column name; other CSV columns are left out.' })),
    Delimiter: Type.String({ default: ',', description: 'One character between fields.' }),
  }),
  outputs: Type.Object({ 'Imported Rows': Type.Integer({ description: 'How many rows were added.' }) }),
  examples: [
    { title: 'imports every record', tables: { people: PEOPLE }, inputs: { Table: 'people', 'File Content': 'email,logins\nann@example.com,3\n"bob@example.com",12\n' }, outputs: { 'Imported Rows': 2 } },
    {
      title: 'maps CSV columns to table columns and leaves the others out',
      tables: { people: PEOPLE },
      inputs: { Table: 'people', 'File Content': 'Mail;Age\nann@example.com;40\n', Delimiter: ';', Mapping: { Mail: 'email' } },
      outputs: { 'Imported Rows': 1 },
    },
    { title: 'adds nothing when one value does not fit', tables: { people: PEOPLE }, inputs: { Table: 'people', 'File Content': 'email,logins\na@example.com,1\nb@example.com,lots\n' }, error: 'column "logins" holds numbers' },
  ],
  okta: {
    keys: stashKeys('importFromCSV', 'importFromCsv', 'importCSV'),
    map: (v) =>
      mapped({
        Table: exportedTable(v),
        'File Content': inputOf(v, ['File Content', 'file', 'File']) ?? '',
        Select: inputOf(v, ['Select', 'select']) || undefined,
        Mapping: inputOf(v, ['Mapping', 'mapping']) || undefined,
        Delimiter: inputOf(v, ['Delimiter', 'delimiter']) || undefined,
      }),
  },
  async run(ctx, inputs) {
    const { def, rows } = tableOf(ctx, inputs.Table)
    return tableStep(ctx, async () => {
      const { header, rows: records } = csvObjects(inputs['File Content'], csvDelimiter(inputs.Delimiter))
      const columns = csvColumns(def, header, inputs.Select, inputs.Mapping)
      const values = records.map((record, i) => {
        const fields = Object.fromEntries([...columns].map(([from, to]) => [to, emptyAs(def, to, record[from]!)]))
        try {
          return newRowValues(def, fields)
        } catch (err) {
          throw new Error(`CSV record ${i + 2}: ${(err as Error).message}`)
        }
      })
      const added = await rows.insertRows(def.name, values, ctx.now())
      return { 'Imported Rows': added.length }
    })
  },
})

/** An empty CSV field: empty text in a text column, null elsewhere. */
function emptyAs(def: TableDef, column: string, field: string): string | null {
  return field === '' && def.columns.find((c) => c.name === column)?.type !== 'text' ? null : field
}
