/**
 * Tables: what the Tables cards (Create Row, Search Rows, …) may touch. A table's definition (its
 * columns and their types) comes from `tables/<name>.yaml` beside the flows; its rows live in
 * the run's table store (`RunOptions.tables`). The engine imports no store: a store implements
 * `TableRows`, and the run is given a `TableProvider`.
 */

/** Okta's column types: Text, Number, True/False, Date & Time. */
export const COLUMN_TYPES = ['text', 'number', 'boolean', 'date'] as const
export type ColumnType = (typeof COLUMN_TYPES)[number]

export type CellValue = string | number | boolean | null
/** A row's values by column name. */
export type RowValues = Record<string, CellValue>

export interface TableColumn {
  name: string
  type: ColumnType
  /** Create Row and Import From CSV fill it in when a row does not set the column. */
  default?: CellValue
}

export interface TableDef {
  /** The file name without `.yaml`: what cards and the CLI call the table. */
  name: string
  description?: string
  columns: TableColumn[]
}

/** One stored row: its id and times are the store's; `values` holds every column of the table. */
export interface TableRow {
  id: string
  /** ISO times. */
  created: string
  updated: string
  values: RowValues
}

/** Comparisons of a Where Expression (Okta's Filter dialog). Text comparisons are case-sensitive. */
export const FILTER_OPS = ['=', '!=', '>', '>=', '<', '<=', 'contains', 'starts with', 'ends with', 'is empty', 'is not empty'] as const
export type FilterOp = (typeof FILTER_OPS)[number]

export interface RowCondition {
  column: string
  op: FilterOp
  /** Absent for `is empty` and `is not empty`. */
  value?: CellValue
  /** How it joins the condition before it; AND binds tighter than OR. */
  join?: 'and' | 'or'
}

export interface RowQuery {
  where: readonly RowCondition[]
  sort?: { column: string; direction: 'asc' | 'desc' }
  limit?: number
  offset?: number
}

/** Okta returns at most this many rows from one search. */
export const MAX_SEARCH_ROWS = 3500

/**
 * Row storage, by table name. Every call is one transaction: an update merges only the columns
 * it is given into the row as stored at that instant, so two runs updating one row lose nothing.
 * Queries take the table's definition: column names are checked against it before any SQL is
 * built, and every value is bound as a parameter. `at` is the time written as Created/Updated (the
 * run's clock); without it, the store's.
 */
export interface TableRows {
  /** Adds the rows in one transaction (all or none); gives them back with their ids, in order. */
  insertRows(table: string, rows: readonly RowValues[], at?: Date): Promise<TableRow[]>
  getRow(table: string, id: string): Promise<TableRow | undefined>
  /** Sets these columns of the row, leaving the others; undefined when there is no such row. */
  updateRow(table: string, id: string, values: RowValues, at?: Date): Promise<TableRow | undefined>
  /** False when there was no such row. */
  deleteRow(table: string, id: string): Promise<boolean>
  searchRows(def: TableDef, query: RowQuery): Promise<TableRow[]>
  /** Deletes every row of the table; gives how many. */
  clearTable(table: string): Promise<number>
  countRows(table: string): Promise<number>
}

/** What a run is given: the table definitions it may use, and where their rows are. */
export interface TableProvider {
  definition(name: string): TableDef | undefined
  rows: TableRows
}

/** Names the cards give every row besides its columns (Okta's). */
export const ROW_ID = 'Row ID'
export const CREATED = 'Created'
export const UPDATED = 'Updated'
const RESERVED = new Set([ROW_ID, CREATED, UPDATED])

/**
 * Why a column name cannot be used, or undefined. Names are free text as in Okta, but a name is
 * also a key into each stored row, so a few characters that JSON paths give meaning are refused.
 */
export function columnNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'a column name cannot be empty'
  if (name.length > 100) return `column name "${name.slice(0, 20)}…" is longer than 100 characters`
  if (RESERVED.has(name)) return `"${name}" is the name of a column every row has; choose another`
  if (/["\\]|[\u0000-\u001f]/.test(name) || name.startsWith('$')) return `column name "${name}" may not hold quotes, backslashes or control characters, nor start with $`
  return undefined
}

/** A row as cards give it: its columns, then Row ID, Created and Updated. */
export function rowObject(row: TableRow, columns?: readonly string[]): Record<string, unknown> {
  const picked = columns ? Object.fromEntries(columns.map((c) => [c, row.values[c] ?? null])) : row.values
  return { ...picked, [ROW_ID]: row.id, [CREATED]: row.created, [UPDATED]: row.updated }
}

/**
 * A value for a column of this type, as Okta's loose typing takes it: numbers from numeric text,
 * true/false from `true`/`false` text, dates as ISO times; empty text is null except in text columns.
 * Throws an Error naming the column when the value does not fit.
 */
export function cellValue(column: TableColumn, value: unknown): CellValue {
  if (value === null || value === undefined) return null
  switch (column.type) {
    case 'text': {
      const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value)
      if (text.includes('\u0000')) throw new Error(`column "${column.name}" cannot hold the NUL character`)
      return text
    }
    case 'number': {
      if (value === '') return null
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
      if (!Number.isFinite(n)) throw new Error(`column "${column.name}" holds numbers; got ${JSON.stringify(value)}`)
      return n
    }
    case 'boolean':
      if (value === '') return null
      if (typeof value === 'boolean') return value
      if (value === 'true' || value === 'false') return value === 'true'
      throw new Error(`column "${column.name}" holds true or false; got ${JSON.stringify(value)}`)
    case 'date': {
      if (value === '') return null
      const at = typeof value === 'string' || typeof value === 'number' || value instanceof Date ? new Date(value) : new Date(Number.NaN)
      if (Number.isNaN(at.getTime())) throw new Error(`column "${column.name}" holds dates and times; got ${JSON.stringify(value)}`)
      return at.toISOString()
    }
  }
}

/** The column of this name, or an Error listing the table's columns. */
export function columnOf(def: TableDef, name: string): TableColumn {
  const column = def.columns.find((c) => c.name === name)
  if (!column) throw new Error(`table "${def.name}" has no column "${name}" (its columns: ${def.columns.map((c) => c.name).join(', ')})`)
  return column
}

/** Values for these columns, each checked and converted for its type. */
export function rowValues(def: TableDef, values: Record<string, unknown>): RowValues {
  const out: RowValues = {}
  for (const [name, value] of Object.entries(values)) out[name] = cellValue(columnOf(def, name), value)
  return out
}

/** A new row's values: every column, defaults where the row does not set one. */
export function newRowValues(def: TableDef, values: Record<string, unknown>): RowValues {
  const given = rowValues(def, values)
  return Object.fromEntries(def.columns.map((c) => [c.name, c.name in given ? given[c.name]! : (c.default ?? null)]))
}

/** A query checked against the table: known columns, known operators, values of the column's type. */
export function checkedQuery(def: TableDef, query: RowQuery): RowQuery {
  const where = query.where.map((c): RowCondition => {
    const column = columnOf(def, c.column)
    if (!FILTER_OPS.includes(c.op)) throw new Error(`unknown comparison "${c.op}" (known: ${FILTER_OPS.join(', ')})`)
    const text = c.op === 'contains' || c.op === 'starts with' || c.op === 'ends with'
    if (text && (column.type === 'number' || column.type === 'boolean')) throw new Error(`"${c.op}" compares text; column "${c.column}" holds ${column.type === 'number' ? 'numbers' : 'true or false'}`)
    if (c.op === 'is empty' || c.op === 'is not empty') return { column: c.column, op: c.op, join: c.join ?? 'and' }
    const value = text ? (c.value === null || c.value === undefined ? '' : String(c.value)) : cellValue(column, c.value)
    return { column: c.column, op: c.op, value, join: c.join ?? 'and' }
  })
  if (query.sort) columnOf(def, query.sort.column)
  const limit = Math.min(MAX_SEARCH_ROWS, query.limit && query.limit > 0 ? Math.floor(query.limit) : MAX_SEARCH_ROWS)
  return { where, ...(query.sort && { sort: query.sort }), limit, offset: Math.max(0, Math.floor(query.offset ?? 0)) }
}

/** The conditions grouped as OR of ANDs (AND binds tighter), for the stores' WHERE clauses. */
export function orOfAnds(where: readonly RowCondition[]): RowCondition[][] {
  const groups: RowCondition[][] = []
  for (const [i, c] of where.entries()) {
    if (i === 0 || c.join === 'or') groups.push([c])
    else groups.at(-1)!.push(c)
  }
  return groups
}
