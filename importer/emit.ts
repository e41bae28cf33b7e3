/** IR to YAML text, with Okta's comments as YAML comments (yaml's Document API keeps them). */
import { Document, isMap, type YAMLMap, type YAMLSeq } from 'yaml'
import type { IrCard, IrFlow } from './ir.ts'

/** `# text` lines: yaml prefixes each line of a comment with `#`; a leading space reads better. */
const asComment = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => ` ${l}`.trimEnd())
    .join('\n')

function cardObject(card: IrCard): Record<string, unknown> {
  return {
    id: card.id,
    card: card.type,
    ...(card.connection && { connection: card.connection }),
    ...(Object.keys(card.inputs).length > 0 && { inputs: card.inputs }),
    ...(card.branches && { then: card.branches.then.map(cardObject), else: card.branches.else.map(cardObject) }),
    ...(card.outputs && Object.keys(card.outputs).length > 0 && { outputs: card.outputs }),
  }
}

/** Walks the cards and their YAML nodes side by side, attaching each card's comment. */
function attachComments(cards: IrCard[], seq: YAMLSeq | undefined) {
  if (!seq) return
  cards.forEach((card, i) => {
    const node = seq.items[i]
    if (!isMap(node)) return
    if (card.comment) node.commentBefore = asComment(card.comment)
    if (card.branches) {
      attachComments(card.branches.then, node.get('then', true) as YAMLSeq | undefined)
      attachComments(card.branches.else, node.get('else', true) as YAMLSeq | undefined)
    }
  })
}

export function emitFlow(flow: IrFlow): string {
  const doc = new Document({
    name: flow.name,
    ...(flow.description && { description: flow.description }),
    trigger: { id: flow.trigger.id, card: flow.trigger.type, ...(Object.keys(flow.trigger.options).length > 0 && { options: flow.trigger.options }) },
    cards: flow.cards.map(cardObject),
  })
  const root = doc.contents as YAMLMap
  const header = [`Imported from Okta Workflows by \`flow import\`.`]
  if (flow.unsupported.length > 0) header.push(`${flow.unsupported.length} card(s) are kept as "unsupported": \`flow validate\` lists them.`)
  doc.commentBefore = asComment(header.join('\n'))
  const trigger = root.get('trigger', true)
  if (flow.trigger.comment && isMap(trigger)) trigger.commentBefore = asComment(flow.trigger.comment)
  const cards = root.get('cards', true) as YAMLSeq | undefined
  attachComments(flow.cards, cards)
  if (flow.trailingComment) doc.comment = asComment(flow.trailingComment)
  return doc.toString({ lineWidth: 0 })
}
