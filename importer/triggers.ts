/** Okta's first card (event, API Endpoint, Helper Flow, Scheduled Flow) to a cardflow trigger, by the registry's mappings. */
import type { ExportedCard } from '../engine/export-mapping.ts'
import type { Registry } from '../engine/registry.ts'
import { idFromName } from './ir.ts'
import { defined } from './mapping.ts'

export interface MappedTrigger {
  id: string
  type: string
  options: Record<string, unknown>
  comment?: string
  /** Where an Okta output of the trigger sits in its outputs, when not at its key. */
  outputPath?: (key: string, group: string | null) => string[] | undefined
}

/**
 * The definition that takes an exported card among those answering to its key: one whose
 * `matches` says yes before one without a test (Scheduled Flow before Helper Flow).
 */
export function pickMapping<D extends { okta?: { matches?(card: ExportedCard): boolean } }>(candidates: readonly D[], card: ExportedCard): D | undefined {
  return candidates.find((d) => d.okta?.matches?.(card) === true) ?? candidates.find((d) => d.okta?.matches === undefined)
}

export function triggerFor(card: ExportedCard | undefined, registry: Registry): MappedTrigger {
  if (!card) {
    return {
      id: 'start',
      type: 'control.helperFlow',
      options: { inputs: [] },
      comment: 'The Okta flow had no event card: it runs only when started by hand or called.',
    }
  }
  const def = pickMapping(registry.triggersForExportKey(card.kind), card)
  const id = idFromName(card.name, 'event')
  if (def) return { id, type: def.type, options: def.okta?.options?.(card) ?? {}, ...(def.okta?.outputPath && { outputPath: def.okta.outputPath }) }
  return { id, type: 'unsupported', options: unsupportedOptions(card) }
}

function unsupportedOptions(card: ExportedCard): Record<string, unknown> {
  const inputs: Record<string, unknown> = {}
  for (const f of card.fields()) {
    const d = card.rawInput(f.key)
    if (d !== null && d !== undefined && d !== '' && !(typeof d === 'object' && Object.keys(d).length === 0)) inputs[f.key] = d
  }
  // Event cards hand over a `collection`; without a known card the output names stay open.
  const outputs = card.outputKeys().filter((k) => k !== 'collection')
  return defined({
    address: card.address,
    name: card.name,
    inputs: Object.keys(inputs).length > 0 ? inputs : undefined,
    outputs: outputs.length > 0 ? outputs : undefined,
  })
}
