/**
 * Table rows in SQLite (the Tables cards). Each write is one step of the store's write queue, so
 * one transaction: an update reads the row and writes it back inside it, and no other write (of
 * this process or another, the transaction being IMMEDIATE) comes between.
 */
import type Database from 'better-sqlite3'
import { type CellValue, checkedQuery, orOfAnds, type RowCondition, type RowQuery, type RowValues, type TableDef, type TableRow, type TableRows } from '../engine/tables.ts'

export const TABLE_ROWS_SCHEMA = `
-- Rows of the tables flows keep (tables/<name>.yaml defines their columns); values as a JSON object.
CREATE TABLE IF NOT EXISTS table_rows (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS table_rows_table ON table_rows(table_name, seq);
`

interface Access {
  sql(text: string): Database.Statement
  write<T>(what: string, step: () => T): Promise<T>
  read<T>(what: string, step: () => T): Promise<T>
}

interface Row {
  seq: number
  data: string
  created_at: number
  updated_at: number
}

const COLUMNS = 'seq, data, created_at, updated_at'
const toRow = (r: Row): TableRow => ({ id: String(r.seq), created: new Date(r.created_at).toISOString(), updated: new Date(r.updated_at).toISOString(), values: JSON.parse(r.data) as RowValues })
/** A row id is the row's number; anything else names no row. */
const seqOf = (id: string): number | undefined => (/^\d{1,15}$/.test(id) ? Number(id) : undefined)
/** better-sqlite3 binds no booleans; JSON true/false read back through ->> as 1/0. */
const bind = (v: CellValue | undefined): string | number | null => (typeof v === 'boolean' ? Number(v) : (v ?? null))

/** One condition as SQL with its parameters; the column name is a bound label, never SQL text. */
function condition(def: TableDef, c: RowCondition, args: unknown[]): string {
  const type = def.columns.find((col) => col.name === c.column)!.type
  const expr = '(data ->> ?)'
  args.push(c.column)
  const text = typeof c.value === 'string' ? c.value : ''
  switch (c.op) {
    // text: empty text counts as empty, and the column is read twice, its label bound twice
    case 'is empty':
      if (type !== 'text') return `${expr} IS NULL`
      args.push(c.column)
      return `(${expr} IS NULL OR ${expr} = '')`
    case 'is not empty':
      if (type !== 'text') return `${expr} IS NOT NULL`
      args.push(c.column)
      return `(${expr} IS NOT NULL AND ${expr} <> '')`
    case '=':
      args.push(bind(c.value))
      return `${expr} IS ?`
    case '!=':
      args.push(bind(c.value))
      return `${expr} IS NOT ?`
    case '>':
    case '>=':
    case '<':
    case '<=':
      args.push(bind(c.value))
      return `${expr} ${c.op} ?`
    case 'contains':
      args.push(text)
      return `instr(${expr}, ?) > 0`
    case 'starts with':
      args.push(text, text)
      return `substr(${expr}, 1, length(?)) = ?`
    case 'ends with':
      if (text === '') return `${expr} IS NOT NULL`
      args.push(text, text)
      return `substr(${expr}, -length(?)) = ?`
  }
}

function whereClause(def: TableDef, where: readonly RowCondition[], args: unknown[]): string {
  const groups = orOfAnds(where)
  if (groups.length === 0) return ''
  const or = groups.map((and) => `(${and.map((c) => condition(def, c, args)).join(' AND ')})`).join(' OR ')
  return ` AND (${or})`
}

export function sqliteTableRows(db: Access): TableRows {
  return {
    insertRows(table, rows, at) {
      const now = at?.getTime() ?? Date.now()
      return db.write('add table rows', () => {
        const insert = db.sql(`INSERT INTO table_rows (table_name, data, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING ${COLUMNS}`)
        return rows.map((values) => toRow(insert.get(table, JSON.stringify(values), now, now) as Row))
      })
    },
    getRow(table, id) {
      const seq = seqOf(id)
      return db.read('read a table row', () => {
        if (seq === undefined) return undefined
        const row = db.sql(`SELECT ${COLUMNS} FROM table_rows WHERE table_name = ? AND seq = ?`).get(table, seq) as Row | undefined
        return row && toRow(row)
      })
    },
    updateRow(table, id, values, at) {
      const seq = seqOf(id)
      const now = at?.getTime() ?? Date.now()
      return db.write('update a table row', () => {
        if (seq === undefined) return undefined
        const row = db.sql('SELECT data FROM table_rows WHERE table_name = ? AND seq = ?').get(table, seq) as { data: string } | undefined
        if (!row) return undefined
        const data = JSON.stringify({ ...(JSON.parse(row.data) as RowValues), ...values })
        return toRow(db.sql(`UPDATE table_rows SET data = ?, updated_at = ? WHERE seq = ? RETURNING ${COLUMNS}`).get(data, now, seq) as Row)
      })
    },
    deleteRow(table, id) {
      const seq = seqOf(id)
      return db.write('delete a table row', () => seq !== undefined && db.sql('DELETE FROM table_rows WHERE table_name = ? AND seq = ?').run(table, seq).changes > 0)
    },
    async searchRows(def, query: RowQuery) {
      const q = checkedQuery(def, query)
      const args: unknown[] = [def.name]
      let sql = `SELECT ${COLUMNS} FROM table_rows WHERE table_name = ?${whereClause(def, q.where, args)}`
      if (q.sort) {
        args.push(q.sort.column)
        sql += ` ORDER BY (data ->> ?) ${q.sort.direction === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}, seq`
      } else sql += ' ORDER BY seq'
      sql += ' LIMIT ? OFFSET ?'
      args.push(q.limit, q.offset)
      return db.read('search table rows', () => (db.sql(sql).all(...args) as Row[]).map(toRow))
    },
    clearTable(table) {
      return db.write('clear a table', () => db.sql('DELETE FROM table_rows WHERE table_name = ?').run(table).changes)
    },
    countRows(table) {
      return db.read('count table rows', () => (db.sql('SELECT COUNT(*) AS n FROM table_rows WHERE table_name = ?').get(table) as { n: number }).n)
    },
  }
}
