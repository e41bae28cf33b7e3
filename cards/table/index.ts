/** The Tables family (Okta's `stash` service): rows of the tables defined in tables/<name>.yaml, kept in the store. */
import clearTable from './clear-table.ts'
import createRow from './create-row.ts'
import deleteRow from './delete-row.ts'
import exportToCsv from './export-to-csv.ts'
import importFromCsv from './import-from-csv.ts'
import readRow from './read-row.ts'
import searchRows from './search-rows.ts'
import updateRow from './update-row.ts'

export const cards = [searchRows, createRow, readRow, updateRow, deleteRow, clearTable, exportToCsv, importFromCsv]
