/**
 * Table definitions as files: `tables/<name>.yaml` in the flows' folder, reviewed in git like the
 * flows. Rows are not here: they live in the store (or, for `flow test`, in fixtures).
 *
 *     description: Contractors whose access ends on a date
 *     columns:
 *       - name: userId
 *         type: text
 *       - name: suspendDate
 *         type: date
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { stringify } from 'yaml'
import { type CardflowError, FlowSchemaError } from './errors.ts'
import { entry, parseYaml, type YMap, type YNode } from './parse.ts'
import { cellValue, COLUMN_TYPES, type ColumnType, columnNameProblem, type TableColumn, type TableDef } from './tables.ts'

/** Okta's names of the column types (the table editor's and the exports'), to ours. */
const TYPE_NAMES: Record<string, ColumnType> = {
  text: 'text',
  string: 'text',
  str: 'text',
  number: 'number',
  num: 'number',
  boolean: 'boolean',
  bool: 'boolean',
  'true/false': 'boolean',
  date: 'date',
  datetime: 'date',
  'date & time': 'date',
}

export function columnType(name: unknown): ColumnType | undefined {
  return typeof name === 'string' ? TYPE_NAMES[name.trim().toLowerCase()] : undefined
}

/** A table's name: the file name, as cards and `flow table` write it. */
export const TABLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/

/** The folder of table definitions for flows in `flowsDir`. */
export const tablesDirOf = (flowsDir: string) => join(flowsDir, 'tables')

/** Reads one definition; every problem is located in the file. */
export function readTableFile(file: string): { def?: TableDef; errors: CardflowError[] } {
  const name = basename(file).replace(/\.ya?ml$/, '')
  const parsed = parseYaml(readFileSync(file, 'utf8'), file)
  if (!parsed.root) return { errors: parsed.errors }
  const errors: CardflowError[] = []
  const fail = (message: string, node: YNode) => errors.push(new FlowSchemaError(message, node.loc))
  const root = parsed.root
  if (!TABLE_NAME.test(name)) fail(`a table file is named <table>.yaml with letters, digits, _ . - (got "${basename(file)}")`, root)
  if (root.kind !== 'map') {
    fail('a table definition is a map with columns (and a description)', root)
    return { errors }
  }
  for (const e of root.entries) if (e.key !== 'columns' && e.key !== 'description') fail(`unknown key "${e.key}" (a table has description and columns)`, e.value)
  const description = entry(root, 'description')?.value
  const columnsNode = entry(root, 'columns')?.value
  if (!columnsNode || columnsNode.kind !== 'seq' || columnsNode.items.length === 0) {
    fail('"columns" must be a list of columns, each with name and type', columnsNode ?? root)
    return { errors }
  }
  const columns: TableColumn[] = []
  for (const node of columnsNode.items) {
    const column = readColumn(node, fail)
    if (!column) continue
    if (columns.some((c) => c.name === column.name)) fail(`column "${column.name}" is defined twice`, node)
    else columns.push(column)
  }
  if (errors.length > 0) return { errors }
  return { def: { name, ...(description?.kind === 'scalar' && typeof description.value === 'string' && { description: description.value }), columns }, errors }
}

function readColumn(node: YNode, fail: (message: string, node: YNode) => void): TableColumn | undefined {
  if (node.kind !== 'map') return void fail('a column is a map with name and type', node)
  const map = node as YMap
  for (const e of map.entries) if (!['name', 'type', 'default'].includes(e.key)) fail(`unknown key "${e.key}" (a column has name, type and default)`, e.value)
  const nameNode = entry(map, 'name')?.value
  const typeNode = entry(map, 'type')?.value
  if (nameNode?.kind !== 'scalar' || typeof nameNode.value !== 'string') return void fail('a column needs a name (text)', nameNode ?? node)
  const problem = columnNameProblem(nameNode.value)
  if (problem) return void fail(problem, nameNode)
  const type = columnType(typeNode?.kind === 'scalar' ? typeNode.value : undefined)
  if (!type) return void fail(`column "${nameNode.value}" needs a type: ${COLUMN_TYPES.join(', ')}`, typeNode ?? node)
  const column: TableColumn = { name: nameNode.value, type }
  const def = entry(map, 'default')?.value
  if (def) {
    try {
      column.default = cellValue(column, def.kind === 'scalar' ? def.value : undefined)
    } catch (err) {
      fail(`default: ${(err as Error).message}`, def)
    }
  }
  return column
}

/** Every definition in `tables/` of the flows' folder (none when there is no such folder). */
export function loadTables(flowsDir: string): { tables: Map<string, TableDef>; errors: CardflowError[] } {
  const dir = tablesDirOf(flowsDir)
  const tables = new Map<string, TableDef>()
  const errors: CardflowError[] = []
  if (!existsSync(dir)) return { tables, errors }
  for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const read = readTableFile(join(dir, file))
    errors.push(...read.errors)
    if (read.def) tables.set(read.def.name, read.def)
  }
  return { tables, errors }
}

/** A table definition's file: a .yaml in a folder named tables. */
export const isTableFile = (file: string) => /\.ya?ml$/.test(file) && basename(dirname(file)) === 'tables'

/** The tables of the folder a flow file sits in. */
export const loadTablesNear = (flowFile: string) => loadTables(dirname(flowFile))

/** A definition as its file holds it. */
export function tableFileText(def: TableDef): string {
  const columns = def.columns.map((c) => ({ name: c.name, type: c.type, ...(c.default !== undefined && c.default !== null && { default: c.default }) }))
  return stringify({ ...(def.description && { description: def.description }), columns })
}

/** The JSON Schema of a table file, for editors (schemas/table.schema.json). */
export function tableSchema(): object {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'cardflow table definition (tables/<name>.yaml)',
    type: 'object',
    additionalProperties: false,
    required: ['columns'],
    properties: {
      description: { type: 'string' },
      columns: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'type'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^$"\\\\][^"\\\\]*$' },
            type: { enum: [...COLUMN_TYPES], description: "Okta's Text, Number, True/False, Date & Time" },
            default: { type: ['string', 'number', 'boolean', 'null'], description: 'The value a new row takes when it does not set the column.' },
          },
        },
      },
    },
  }
}
