/**
 * Okta's Compose writes markup as plain text: a Compose whose output becomes an HTML mail body or
 * a Slack message is HTML or Slack text in all but name. Imported as plain text, cardflow would
 * escape it whole where it lands (`&lt;br/&gt;` in the mail). So a Compose feeding a markup input
 * is given that markup as its `format`: its own text is kept, the values dropped into it escaped.
 */
import type { Registry } from '../engine/registry.ts'
import type { IrCard } from './ir.ts'

const SINGLE_REF = /^\{\{\s*([A-Za-z_][\w-]*)\.([^{}]+?)\s*\}\}$/

export function markComposedMarkup(cards: IrCard[], registry: Registry): void {
  const byId = new Map<string, IrCard>()
  const all: IrCard[] = []
  const collect = (list: IrCard[]) => {
    for (const c of list) {
      byId.set(c.id, c)
      all.push(c)
      collect(c.branches?.then ?? [])
      collect(c.branches?.else ?? [])
    }
  }
  collect(cards)
  for (const card of all) {
    const def = registry.cards.get(card.type)
    if (!def?.escape) continue
    for (const [input, value] of Object.entries(card.inputs)) {
      const ref = typeof value === 'string' ? SINGLE_REF.exec(value) : null
      const mode = def.escape(input, card.inputs, ref ? 'ref' : typeof value === 'string' && value.includes('{{') ? 'template' : 'literal')
      const source = ref ? byId.get(ref[1]!) : undefined
      const sourceDef = source ? registry.cards.get(source.type) : undefined
      // a card that can write its output in that markup (Compose's `format`)
      if (!mode || !source || !sourceDef?.escapedOutput || source.inputs.format !== undefined) continue
      const candidate = { ...source.inputs, format: mode }
      if (sourceDef.escapedOutput(candidate) === mode) source.inputs.format = mode
    }
  }
}
