/**
 * The table-row calls every store answers (Store extends TableRows), passed on to the rows of
 * its backend (`sqlite-tables.ts`, `postgres-tables.ts`): a store extends this and gives its
 * `tableRows`.
 */
import type { RowQuery, RowValues, TableDef, TableRow, TableRows } from '../engine/tables.ts'

export abstract class TableRowsDelegate implements TableRows {
  protected abstract readonly tableRows: TableRows

  insertRows(table: string, rows: readonly RowValues[], at?: Date): Promise<TableRow[]> {
    return this.tableRows.insertRows(table, rows, at)
  }
  getRow(table: string, id: string): Promise<TableRow | undefined> {
    return this.tableRows.getRow(table, id)
  }
  updateRow(table: string, id: string, values: RowValues, at?: Date): Promise<TableRow | undefined> {
    return this.tableRows.updateRow(table, id, values, at)
  }
  deleteRow(table: string, id: string): Promise<boolean> {
    return this.tableRows.deleteRow(table, id)
  }
  searchRows(def: TableDef, query: RowQuery): Promise<TableRow[]> {
    return this.tableRows.searchRows(def, query)
  }
  clearTable(table: string): Promise<number> {
    return this.tableRows.clearTable(table)
  }
  countRows(table: string): Promise<number> {
    return this.tableRows.countRows(table)
  }
}
