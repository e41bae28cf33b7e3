/**
 * `flow import`: an Okta Workflows export (`.flopack`, `.folder` or `.flow`, all the same JSON) to cardflow YAML, one file per flow,
 * helper flows included and linked by name.
 */
import type { Registry } from '../engine/registry.ts'
import { convertFlow, type PackContext } from './convert.ts'
import { emitFlow } from './emit.ts'
import { type OktaFlowData, parseFlopack } from './flopack.ts'
import { type IrFlow, slugOf } from './ir.ts'
import { exportedTables, type ImportedTable, nameTablesInCards } from './tables.ts'

export { FlopackError } from './flopack.ts'
export type { ImportedTable } from './tables.ts'

export interface ImportedFlow {
  flow: IrFlow
  /** File name, e.g. `send-notification-to-user.yaml`. */
  file: string
  yaml: string
}

export function importFlopack(text: string, file: string, registry: Registry): ImportedFlow[] {
  return importFlopackWithTables(text, file, registry).flows
}

/** The flows of an export and its tables (definitions, and rows where it has them). */
export function importFlopackWithTables(text: string, file: string, registry: Registry): { flows: ImportedFlow[]; tables: ImportedTable[] } {
  const pack = parseFlopack(text, file)
  const tables = exportedTables(pack.tables)
  nameTablesInCards(pack.flos, tables)
  const names = new Map(pack.flos.map((f) => [f.data.uuid, f.name] as const))
  for (const f of pack.flos) names.set(f.id, f.name)
  for (const r of pack.refs) names.set(r.id, r.name)
  const slugs = new Set<string>()
  const slugFor = (name: string) => {
    const base = slugOf(name)
    let slug = base
    for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`
    slugs.add(slug)
    return slug
  }
  const pending: { name: string; description?: string | null; data: OktaFlowData }[] = pack.flos.map((f) => ({ name: f.name.trim(), description: f.description, data: f.data }))
  const usedNames = new Set(pending.map((p) => p.name))
  const ctx: PackContext = {
    registry,
    flowName: (uuid) => names.get(uuid)?.trim(),
    connectionName: (id) => pack.configs[id]?.name,
    addInline(data, name) {
      let unique = name
      for (let n = 2; usedNames.has(unique); n++) unique = `${name} ${n}`
      usedNames.add(unique)
      pending.push({ name: unique, description: 'A helper flow that Okta kept inside its calling card.', data })
      return unique
    },
  }
  const out: ImportedFlow[] = []
  // Inline flows found while converting are appended to `pending` and converted in turn.
  for (let i = 0; i < pending.length; i++) {
    const p = pending[i]!
    const slug = slugFor(p.name)
    const flow = convertFlow(p.name, p.description, p.data, ctx, slug)
    out.push({ flow, file: `${slug}.yaml`, yaml: emitFlow(flow) })
  }
  return { flows: out, tables }
}
