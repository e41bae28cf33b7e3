/**
 * The tables of an Okta Workflows export: each `data.tables` entry (its columns in
 * `data.structure`, Okta's types `str`, `num`, `bool`, `date`…) becomes `tables/<name>.yaml`,
 * and its rows, where the export holds any, `tables/<name>.csv` (for `flow table import` or a
 * `flow test` fixture). Tables cards name a table by its id in the export: the importer puts the
 * table's file name there before the cards are mapped.
 */
import { toCsv } from '../engine/csv.ts'
import { columnType, tableFileText } from '../engine/table-file.ts'
import { type CellValue, cellValue, columnNameProblem, type TableColumn, type TableDef } from '../engine/tables.ts'
import type { OktaFlowData, OktaMethod } from './flopack.ts'
import { isFlowData } from './flopack.ts'
import { slugOf } from './ir.ts'

export interface ImportedTable {
  /** The table's id in the export. */
  id: string
  def: TableDef
  /** `tables/<name>.yaml`. */
  file: string
  yaml: string
  /** `tables/<name>.csv` and its text, when the export holds rows. */
  rows?: { file: string; csv: string; count: number }
  /** What could not be carried over as it was (a column type cardflow lacks, a bad value). */
  notes: string[]
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The export's tables, each with a file name unique among them. */
export function exportedTables(tables: unknown): ImportedTable[] {
  const entries = Object.entries(isRecord(tables) ? tables : {}).filter(([, t]) => isRecord(t) && typeof t.name === 'string')
  const used = new Set<string>()
  return entries.map(([key, raw]) => {
    const t = raw as Record<string, unknown>
    const data = isRecord(t.data) ? t.data : {}
    const notes: string[] = []
    const base = slugOf(t.name as string).slice(0, 90) || 'table'
    let name = base
    for (let n = 2; used.has(name); n++) name = `${base}-${n}`
    used.add(name)
    const columns: TableColumn[] = []
    for (const c of Array.isArray(data.structure) ? data.structure : []) {
      if (!isRecord(c) || typeof c.name !== 'string') continue
      const problem = columnNameProblem(c.name)
      if (problem) {
        notes.push(`column left out: ${problem}`)
        continue
      }
      const type = columnType(c.type)
      if (!type) notes.push(`column "${c.name}": Okta type ${JSON.stringify(c.type)} is kept as text`)
      const column: TableColumn = { name: c.name, type: type ?? 'text' }
      if (c.default !== undefined && c.default !== '' && c.default !== null) {
        try {
          column.default = cellValue(column, c.default)
        } catch {
          notes.push(`column "${c.name}": default ${JSON.stringify(c.default)} does not fit its type and is left out`)
        }
      }
      columns.push(column)
    }
    const description = typeof t.description === 'string' && t.description.trim() !== '' ? t.description : undefined
    const def: TableDef = { name, ...(description && { description }), columns }
    const out: ImportedTable = { id: String(t.id ?? key), def, file: `tables/${name}.yaml`, yaml: tableFileText(def), notes }
    const rows = exportedRows(t, data, def, notes)
    if (rows.length > 0) out.rows = { file: `tables/${name}.csv`, csv: toCsv(columns.map((c) => c.name), rows), count: rows.length }
    return out
  })
}

/** Rows an export may carry (`rows` or `data.rows`: objects by column name), converted for their columns. */
function exportedRows(t: Record<string, unknown>, data: Record<string, unknown>, def: TableDef, notes: string[]): Record<string, CellValue>[] {
  const list = Array.isArray(data.rows) ? data.rows : Array.isArray(t.rows) ? t.rows : []
  const out: Record<string, CellValue>[] = []
  for (const [i, r] of list.entries()) {
    const values = isRecord(r) && isRecord(r.data) ? r.data : r
    if (!isRecord(values)) continue
    try {
      out.push(Object.fromEntries(def.columns.map((c) => [c.name, cellValue(c, values[c.name])])))
    } catch (err) {
      notes.push(`row ${i + 1} left out: ${(err as Error).message}`)
    }
  }
  return out
}

/** Puts each table's file name where the export's Tables cards hold its id (their `stash` option), inline flows included. */
export function nameTablesInCards(flows: readonly { data: OktaFlowData }[], tables: readonly ImportedTable[]): void {
  const names = new Map(tables.map((t) => [t.id, t.def.name]))
  if (names.size === 0) return
  const visit = (methods: readonly OktaMethod[]) => {
    for (const m of methods) {
      for (const f of Object.values(m.node.model.inputs?.data ?? {})) {
        if (f.key === 'stash' && typeof f.value.data === 'string' && names.has(f.value.data)) f.value.data = names.get(f.value.data)
        if (isFlowData(f.value.data)) visit(f.value.data.methods)
      }
      const flo = m.node.model.policy?.error?.flo
      if (isFlowData(flo)) visit(flo.methods)
    }
  }
  for (const f of flows) visit(f.data.methods)
}
