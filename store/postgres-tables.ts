/**
 * Table rows in PostgreSQL (the Tables cards), each call one statement: an update merges the
 * columns it sets into the row as stored (`data || $3`) under the row's lock, so two engines
 * updating one row both keep their columns. Column names are bound as jsonb keys (`data ->> $n`)
 * after the checks of engine/tables.ts, never written into the SQL.
 */
import type pg from 'pg'
import { checkedQuery, orOfAnds, type RowCondition, type RowValues, type TableDef, type TableRow, type TableRows } from '../engine/tables.ts'

export const TABLE_ROWS_MIGRATION = `
-- Rows of the tables flows keep (tables/<name>.yaml defines their columns); values as a JSON object.
CREATE TABLE table_rows (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  table_name text NOT NULL,
  data jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX table_rows_table ON table_rows (table_name, seq);
`

type Query = <R extends pg.QueryResultRow>(what: string, statement: { name?: string; text: string }, values?: unknown[]) => Promise<pg.QueryResult<R>>

interface Row {
  seq: string
  data: RowValues
  created_at: number
  updated_at: number
}

const COLUMNS = `seq, data, (extract(epoch FROM created_at) * 1000)::float8 AS created_at, (extract(epoch FROM updated_at) * 1000)::float8 AS updated_at`
const toRow = (r: Row): TableRow => ({ id: String(r.seq), created: new Date(r.created_at).toISOString(), updated: new Date(r.updated_at).toISOString(), values: r.data })
const seqOf = (id: string): string | undefined => (/^\d{1,15}$/.test(id) ? id : undefined)

/** The column's value as SQL of its type: text compared byte by byte as in SQLite. */
function typed(type: string, key: string): string {
  if (type === 'number') return `(data ->> ${key})::float8`
  if (type === 'boolean') return `(data ->> ${key})::boolean`
  return `(data ->> ${key}) COLLATE "C"`
}

function condition(def: TableDef, c: RowCondition, values: unknown[]): string {
  const type = def.columns.find((col) => col.name === c.column)!.type
  values.push(c.column)
  const key = `$${values.length}::text`
  const expr = typed(type, key)
  const param = (v: unknown) => {
    values.push(v)
    const cast = type === 'number' ? '::float8' : type === 'boolean' ? '::boolean' : '::text'
    return `$${values.length}${cast}`
  }
  switch (c.op) {
    case 'is empty':
      return type === 'text' ? `coalesce(data ->> ${key}, '') = ''` : `(data ->> ${key}) IS NULL`
    case 'is not empty':
      return type === 'text' ? `coalesce(data ->> ${key}, '') <> ''` : `(data ->> ${key}) IS NOT NULL`
    case '=':
      return `${expr} IS NOT DISTINCT FROM ${param(c.value ?? null)}`
    case '!=':
      return `${expr} IS DISTINCT FROM ${param(c.value ?? null)}`
    case '>':
    case '>=':
    case '<':
    case '<=':
      return `${expr} ${c.op} ${param(c.value ?? null)}`
    case 'contains':
      return `strpos(data ->> ${key}, ${param(c.value ?? '')}) > 0`
    case 'starts with': {
      const p = param(c.value ?? '')
      return `left(data ->> ${key}, length(${p})) = ${p}`
    }
    case 'ends with': {
      const p = param(c.value ?? '')
      return `right(data ->> ${key}, length(${p})) = ${p}`
    }
  }
}

export function postgresTableRows(query: Query): TableRows {
  return {
    async insertRows(table, rows, at) {
      if (rows.length === 0) return []
      const { rows: stored } = await query<Row>(
        'add table rows',
        {
          text: `INSERT INTO table_rows (table_name, data, created_at, updated_at)
            SELECT $1, d::jsonb, coalesce($3::timestamptz, now()), coalesce($3::timestamptz, now())
            FROM unnest($2::text[]) WITH ORDINALITY AS u (d, ord) ORDER BY ord RETURNING ${COLUMNS}`,
        },
        [table, rows.map((r) => JSON.stringify(r)), at ?? null],
      )
      return stored.sort((a, b) => Number(a.seq) - Number(b.seq)).map(toRow)
    },
    async getRow(table, id) {
      const seq = seqOf(id)
      if (seq === undefined) return undefined
      const { rows } = await query<Row>('read a table row', { name: 'cardflow_table_get', text: `SELECT ${COLUMNS} FROM table_rows WHERE table_name = $1 AND seq = $2` }, [table, seq])
      return rows[0] && toRow(rows[0])
    },
    async updateRow(table, id, values, at) {
      const seq = seqOf(id)
      if (seq === undefined) return undefined
      const { rows } = await query<Row>(
        'update a table row',
        { name: 'cardflow_table_update', text: `UPDATE table_rows SET data = data || $3::jsonb, updated_at = coalesce($4::timestamptz, now()) WHERE table_name = $1 AND seq = $2 RETURNING ${COLUMNS}` },
        [table, seq, JSON.stringify(values), at ?? null],
      )
      return rows[0] && toRow(rows[0])
    },
    async deleteRow(table, id) {
      const seq = seqOf(id)
      if (seq === undefined) return false
      const r = await query('delete a table row', { name: 'cardflow_table_delete', text: 'DELETE FROM table_rows WHERE table_name = $1 AND seq = $2' }, [table, seq])
      return (r.rowCount ?? 0) > 0
    },
    async searchRows(def, rowQuery) {
      const q = checkedQuery(def, rowQuery)
      const values: unknown[] = [def.name]
      const groups = orOfAnds(q.where).map((and) => `(${and.map((c) => condition(def, c, values)).join(' AND ')})`)
      let text = `SELECT ${COLUMNS} FROM table_rows WHERE table_name = $1${groups.length > 0 ? ` AND (${groups.join(' OR ')})` : ''}`
      if (q.sort) {
        values.push(q.sort.column)
        const type = def.columns.find((c) => c.name === q.sort!.column)!.type
        text += ` ORDER BY ${typed(type, `$${values.length}::text`)} ${q.sort.direction === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}, seq`
      } else text += ' ORDER BY seq'
      values.push(q.limit, q.offset)
      text += ` LIMIT $${values.length - 1} OFFSET $${values.length}`
      return (await query<Row>('search table rows', { text }, values)).rows.map(toRow)
    },
    async clearTable(table) {
      return (await query('clear a table', { name: 'cardflow_table_clear', text: 'DELETE FROM table_rows WHERE table_name = $1' }, [table])).rowCount ?? 0
    },
    async countRows(table) {
      const { rows } = await query<{ n: number }>('count table rows', { name: 'cardflow_table_count', text: 'SELECT count(*)::int AS n FROM table_rows WHERE table_name = $1' }, [table])
      return rows[0]!.n
    },
  }
}
