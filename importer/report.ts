/** `flow import --report <dir>`: for each export under a folder, what imports and whether it validates. */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { loadFlowSource } from '../engine/load.ts'
import type { Registry } from '../engine/registry.ts'
import { importFlopack } from './index.ts'

export interface TemplateReport {
  template: string
  flows: number
  cards: number
  supported: number
  /** Okta addresses kept as unsupported, with counts. */
  unsupported: Record<string, number>
  /** Flows whose YAML passes `flow validate`. */
  valid: number
  /** Validation problems other than unsupported cards (importer bugs, if any). */
  problems: string[]
  error?: string
}

/** Okta's export extensions: a whole pack, a folder, one flow; all three hold the same JSON. */
export const EXPORT_EXTENSIONS = ['.flopack', '.folder', '.flow'] as const

const exportExtension = (name: string) => EXPORT_EXTENSIONS.find((ext) => name.endsWith(ext))

/** Exports (`.flopack`, `.folder`, `.flow`) directly in `dir`, or `<dir>/<template>/workflow.flopack`. */
export function findFlopacks(dir: string): { template: string; file: string }[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      const ext = exportExtension(name)
      if (ext && !statSync(path).isDirectory()) return [{ template: basename(name, ext), file: path }]
      if (!statSync(path).isDirectory()) return []
      return readdirSync(path)
        .filter((f) => exportExtension(f) !== undefined)
        .map((f) => ({ template: name, file: join(path, f) }))
    })
}

export function reportOne(template: string, file: string, registry: Registry): TemplateReport {
  const report: TemplateReport = { template, flows: 0, cards: 0, supported: 0, unsupported: {}, valid: 0, problems: [] }
  try {
    const flows = importFlopack(readFileSync(file, 'utf8'), file, registry)
    report.flows = flows.length
    for (const { flow, file: name, yaml } of flows) {
      report.cards += flow.cardCount
      report.supported += flow.cardCount - flow.unsupported.filter((a) => a !== flow.trigger.type).length
      for (const a of flow.unsupported) {
        const key = a.replace(/:\d+\.\d+\.\d+:/, ':')
        report.unsupported[key] = (report.unsupported[key] ?? 0) + 1
      }
      const { errors } = loadFlowSource(yaml, name, registry)
      if (errors.length === 0) report.valid++
      report.problems.push(...errors.filter((e) => !e.message.includes('unsupported Okta card')).map((e) => e.describe()))
    }
  } catch (err) {
    report.error = (err as Error).message
  }
  return report
}

export function reportDir(dir: string, registry: Registry): TemplateReport[] {
  return findFlopacks(dir).map(({ template, file }) => reportOne(template, file, registry))
}

/** One card cardflow does not know, across all the exports of a report. */
export interface UnknownCard {
  /** Okta's address without its version, e.g. `root:kernel:control:0.0.1:pause` as `root:kernel:control:pause`. */
  address: string
  uses: number
  /** The exports it appears in. */
  exports: string[]
}

/** The unknown cards of every export, most used first: what is left to build. */
export function unknownCards(reports: readonly TemplateReport[]): UnknownCard[] {
  const byAddress = new Map<string, UnknownCard>()
  for (const r of reports) {
    for (const [address, n] of Object.entries(r.unsupported)) {
      const entry = byAddress.get(address) ?? { address, uses: 0, exports: [] }
      entry.uses += n
      entry.exports.push(r.template)
      byAddress.set(address, entry)
    }
  }
  return [...byAddress.values()].sort((a, b) => b.uses - a.uses || b.exports.length - a.exports.length || a.address.localeCompare(b.address))
}

export function reportTable(reports: TemplateReport[]): string {
  const rows = reports.map((r) => [
    r.template,
    String(r.flows),
    `${r.supported}/${r.cards}`,
    r.error ? 'error' : `${r.valid}/${r.flows}`,
    r.error ?? Object.entries(r.unsupported).map(([a, n]) => `${a.replace(/^root:(kernel|channels:http):/, '')}${n > 1 ? ` ×${n}` : ''}`).join(', '),
  ])
  const head = ['template', 'flows', 'cards supported', 'validates', 'unsupported']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()
  const total = reports.reduce((t, r) => ({ flows: t.flows + r.flows, valid: t.valid + r.valid, cards: t.cards + r.cards, supported: t.supported + r.supported }), { flows: 0, valid: 0, cards: 0, supported: 0 })
  const unknown = unknownCards(reports)
  const pct = total.cards > 0 ? ` (${((100 * total.supported) / total.cards).toFixed(1)} %)` : ''
  const summary = `${reports.length} exports, ${total.flows} flows (${total.valid} validate), ${total.supported}/${total.cards} cards supported${pct}`
  const unknownLines =
    unknown.length === 0
      ? ['every card is known']
      : [`unknown cards (${unknown.length}), uses across exports:`, ...unknown.map((u) => `  ${String(u.uses).padStart(4)}  ${u.address.replace(/^root:(kernel|channels:http):/, '')}  in ${u.exports.length} export(s): ${u.exports.join(', ')}`)]
  return [line(head), ...rows.map(line), '', summary, ...unknownLines].join('\n')
}
