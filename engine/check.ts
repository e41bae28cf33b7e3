/**
 * Stage 2: located YAML to a runnable plan, reporting everything that can be known before an
 * event arrives, all at once: shape, card types, inputs, literal types, ids and references.
 */
import type { TObject } from '@sinclair/typebox'
import type { AnyCardDef, AnyTriggerDef } from './card.ts'
import { type CardflowError, FlowReferenceError, FlowSchemaError, type SourceLocation } from './errors.ts'
import { entry, toPlain, type YMap, type YNode } from './parse.ts'
import type { Registry } from './registry.ts'
import { describeErrors, validatorFor } from './schema-check.ts'
import { suggest } from './suggest.ts'
import { compileString, type Escape, type EscapeContext, literalOf, type Reference, referencesOf, type ValueNode } from './values.ts'

export interface PlannedCard {
  id: string
  type: string
  def: AnyCardDef
  inputs: [string, ValueNode][]
  connection: string | undefined
  branches: [string, PlannedCard[]][]
  /** If/Else declared outputs: name, then branch name to value. */
  declaredOutputs: [string, Map<string, ValueNode>][]
  loc: SourceLocation
}

export interface PlannedTrigger {
  id: string
  type: string
  def: AnyTriggerDef
  options: Record<string, unknown>
  loc: SourceLocation
}

export interface FlowPlan {
  name: string
  description: string | undefined
  enabled: boolean
  file: string
  trigger: PlannedTrigger
  cards: PlannedCard[]
}

const FLOW_KEYS = ['name', 'description', 'enabled', 'trigger', 'cards']
const TRIGGER_KEYS = ['id', 'card', 'options']
const CARD_KEYS = ['id', 'card', 'inputs', 'connection', 'comment', 'outputs']
const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/

export interface CheckResult {
  plan?: FlowPlan
  errors: CardflowError[]
}

export function checkFlow(root: YNode, file: string, registry: Registry): CheckResult {
  const c = new Checker(registry)
  const plan = c.flow(root, file)
  const errors = c.errors.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.col ?? 0) - (b.location?.col ?? 0))
  return errors.length === 0 && plan ? { plan, errors } : { errors }
}

/** Where each id is declared, for reference messages. */
interface IdInfo {
  seq: number
  loc: SourceLocation
  owner?: { id: string; branch: string }
  outputs: OutputInfo
  /** The markup this card's outputs are already escaped for. */
  escaped?: Escape
  /** The card's type is unknown (already reported): references to it are not checked. */
  unknownType?: boolean
}
type OutputInfo = { names: string[]; schema?: TObject; open: boolean }

class Checker {
  errors: CardflowError[] = []
  private ids = new Map<string, IdInfo>()
  private seq = 0

  constructor(private readonly registry: Registry) {}

  private schemaError(msg: string, loc: SourceLocation, cardId?: string) {
    this.errors.push(new FlowSchemaError(msg, loc, cardId))
  }

  private unknownKeys(map: YMap, allowed: string[], what: string) {
    for (const e of map.entries) {
      if (!allowed.includes(e.key)) this.schemaError(`unknown key "${e.key}" in ${what}${suggest(e.key, allowed)}`, e.keyLoc)
    }
  }

  private text(map: YMap, key: string, what: string, required: boolean): string | undefined {
    const e = entry(map, key)
    if (!e) {
      if (required) this.schemaError(`${what}: "${key}" is required`, map.loc)
      return undefined
    }
    if (e.value.kind !== 'scalar' || typeof e.value.value !== 'string' || e.value.value === '') {
      this.schemaError(`${what}: "${key}" must be non-empty text`, e.value.loc)
      return undefined
    }
    return e.value.value
  }

  flow(root: YNode, file: string): FlowPlan | undefined {
    if (root.kind !== 'map') {
      this.schemaError('a flow file is a map with name, trigger and cards', root.loc)
      return undefined
    }
    this.unknownKeys(root, FLOW_KEYS, 'the flow')
    const name = this.text(root, 'name', 'the flow', true)
    const description = this.text(root, 'description', 'the flow', false)
    const enabledNode = entry(root, 'enabled')?.value
    if (enabledNode && (enabledNode.kind !== 'scalar' || typeof enabledNode.value !== 'boolean')) {
      this.schemaError('"enabled" must be true or false', enabledNode.loc)
    }
    const triggerEntry = entry(root, 'trigger')
    const trigger = triggerEntry ? this.trigger(triggerEntry.value) : undefined
    if (!triggerEntry) this.schemaError('the flow: "trigger" is required', root.loc)
    const cardsEntry = entry(root, 'cards')
    if (!cardsEntry) this.schemaError('the flow: "cards" is required', root.loc)
    const cards = cardsEntry ? this.cardList(cardsEntry.value, undefined) : []
    if (trigger) this.checkReferences(cards, new Set([trigger.id]))
    if (!name || !trigger) return undefined
    const enabled = !(enabledNode?.kind === 'scalar' && enabledNode.value === false)
    return { name, description, enabled, file, trigger, cards }
  }

  private declareId(id: string, loc: SourceLocation, outputs: OutputInfo, owner?: IdInfo['owner']) {
    const prior = this.ids.get(id)
    if (prior) {
      this.schemaError(`duplicate id "${id}" (first used at line ${prior.loc.line})`, loc, id)
      return
    }
    this.ids.set(id, { seq: this.seq++, loc, outputs, ...(owner && { owner }) })
  }

  private idOf(map: YMap, what: string): string | undefined {
    const id = this.text(map, 'id', what, true)
    if (id !== undefined && !ID_PATTERN.test(id)) {
      this.schemaError(`id "${id}" must start with a letter and hold only letters, digits, _ and -`, entry(map, 'id')!.value.loc)
    }
    return id
  }

  private trigger(node: YNode): PlannedTrigger | undefined {
    if (node.kind !== 'map') {
      this.schemaError('"trigger" must be a map with id and card', node.loc)
      return undefined
    }
    this.unknownKeys(node, TRIGGER_KEYS, 'the trigger')
    const id = this.idOf(node, 'the trigger')
    const type = this.text(node, 'card', 'the trigger', true)
    if (!id || !type) return undefined
    const def = this.registry.triggers.get(type)
    if (!def) {
      const hint = this.registry.cards.has(type) ? ` ("${type}" is not a trigger card)` : suggest(type, [...this.registry.triggers.keys()])
      this.schemaError(`unknown trigger card "${type}"${hint}`, entry(node, 'card')!.value.loc, id)
      return undefined
    }
    const optionsNode = entry(node, 'options')?.value
    const options = (optionsNode ? toPlain(optionsNode) : {}) as Record<string, unknown>
    const validate = validatorFor(def.options)
    if (!validate(options)) {
      for (const msg of describeErrors(validate.errors, 'options.')) this.schemaError(`trigger "${id}" ${msg}`, optionsNode?.loc ?? node.loc, id)
    }
    for (const msg of def.check?.(options) ?? []) this.schemaError(`trigger "${id}": ${msg}`, node.loc, id)
    const dynamic = def.outputNames?.(options)
    const names = [...Object.keys(def.outputs.properties), ...(dynamic ?? [])]
    this.declareId(id, node.loc, { names, schema: def.outputs, open: def.outputNames !== undefined && dynamic === undefined })
    return { id, type, def, options, loc: node.loc }
  }

  private cardList(node: YNode, owner: IdInfo['owner']): PlannedCard[] {
    if (node.kind !== 'seq') {
      this.schemaError('expected a list of cards', node.loc)
      return []
    }
    return node.items.flatMap((item) => {
      const card = this.card(item, owner)
      return card ? [card] : []
    })
  }

  private card(node: YNode, owner: IdInfo['owner']): PlannedCard | undefined {
    if (node.kind !== 'map') {
      this.schemaError('a card is a map with id, card and inputs', node.loc)
      return undefined
    }
    const id = this.idOf(node, 'a card')
    const type = this.text(node, 'card', id ? `card "${id}"` : 'a card', true)
    const def = type ? this.registry.cards.get(type) : undefined
    if (type && !def) {
      const hint = this.registry.triggers.has(type) ? ` ("${type}" is a trigger; a flow has one, under "trigger")` : suggest(type, [...this.registry.cards.keys()])
      this.schemaError(`unknown card type "${type}"${hint}`, entry(node, 'card')!.value.loc, id)
      // one mistake, one message: the id stays declared (outputs unknown), so references to it are not reported too
      if (id) {
        this.declareId(id, node.loc, { names: [], open: true }, owner)
        const info = this.ids.get(id)
        if (info) info.unknownType = true
      }
      return undefined
    }
    const branchNames = def?.branches ?? []
    this.unknownKeys(node, [...CARD_KEYS, ...branchNames], id ? `card "${id}"` : 'a card')
    if (!id || !def || !type) return undefined
    const inputs = this.inputs(node, id, def)
    const connection = this.text(node, 'connection', `card "${id}"`, false)
    if (connection && !def.connector) this.schemaError(`card "${id}" (${type}) uses no connection`, entry(node, 'connection')!.value.loc, id)
    const declared = this.declaredOutputs(node, id, branchNames)
    const literalInputs = literalsOf(inputs)
    for (const msg of def.check?.(literalInputs) ?? []) this.schemaError(`card "${id}": ${msg}`, node.loc, id)
    const outputs = this.outputInfo(def, literalInputs, declared)
    this.declareId(id, node.loc, outputs, owner)
    const branches: [string, PlannedCard[]][] = branchNames.map((b) => {
      const listNode = entry(node, b)?.value
      return [b, listNode ? this.cardList(listNode, { id, branch: b }) : []]
    })
    const info = this.ids.get(id)
    const escaped = def.escapedOutput?.(literalInputs) ?? this.declaredEscape(declared)
    if (info && escaped) info.escaped = escaped
    return { id, type, def, inputs, connection, branches, declaredOutputs: declared, loc: node.loc }
  }

  private escapeContext(mode: Escape | undefined): EscapeContext | undefined {
    return mode && { mode, trusted: (card) => this.ids.get(card)?.escaped === mode }
  }

  private compile(node: YNode, cardId: string, esc?: EscapeContext): ValueNode {
    switch (node.kind) {
      case 'scalar': {
        if (typeof node.value !== 'string') return { kind: 'literal', value: node.value }
        const result = compileString(node.value, node.loc, esc)
        if ('node' in result) return result.node
        this.schemaError(`card "${cardId}": ${result.error}`, node.loc, cardId)
        return { kind: 'literal', value: node.value }
      }
      case 'seq':
        return { kind: 'list', items: node.items.map((i) => this.compile(i, cardId, esc)) }
      case 'map':
        return { kind: 'object', fields: node.entries.map((e) => [e.key, this.compile(e.value, cardId, esc)]) }
    }
  }

  private inputs(node: YMap, id: string, def: AnyCardDef): [string, ValueNode][] {
    const inputsNode = entry(node, 'inputs')?.value
    const props = def.inputs.properties
    const known = Object.keys(props)
    const out: [string, ValueNode][] = []
    if (inputsNode && inputsNode.kind !== 'map') {
      this.schemaError(`card "${id}": "inputs" must be a map of input name to value`, inputsNode.loc, id)
      return out
    }
    const plainInputs = (inputsNode ? toPlain(inputsNode) : {}) as Record<string, unknown>
    for (const e of inputsNode?.entries ?? []) {
      const schema = props[e.key]
      if (!schema) {
        this.schemaError(`card "${id}" (${def.type}) has no input "${e.key}"${suggest(e.key, known)}`, e.keyLoc, id)
        continue
      }
      const value = this.compile(e.value, id, this.escapeContext(def.escape?.(e.key, plainInputs)))
      const literal = literalOf(value)
      if (literal) {
        const validate = validatorFor(schema)
        if (!validate(structuredClone(literal.value))) {
          for (const msg of describeErrors(validate.errors, `${e.key}.`)) {
            this.schemaError(`card "${id}" input ${msg.replace(`"${e.key}.": `, `"${e.key}": `)}`, e.value.loc, id)
          }
        }
      }
      out.push([e.key, value])
    }
    const given = new Set(out.map(([k]) => k))
    for (const req of def.inputs.required ?? []) {
      if (!given.has(req) && (props[req] as { default?: unknown }).default === undefined) {
        this.schemaError(`card "${id}" input "${req}": required`, inputsNode?.loc ?? node.loc, id)
      }
    }
    return out
  }

  private declaredOutputs(node: YMap, id: string, branches: readonly string[]): PlannedCard['declaredOutputs'] {
    const outputsNode = entry(node, 'outputs')?.value
    if (!outputsNode) return []
    if (branches.length === 0 || outputsNode.kind !== 'map') {
      const why = branches.length === 0 ? 'only a branching card declares outputs' : '"outputs" must map each name to a value per branch'
      this.schemaError(`card "${id}": ${why}`, outputsNode.loc, id)
      return []
    }
    return outputsNode.entries.map((e) => {
      const perBranch = new Map<string, ValueNode>()
      if (e.value.kind !== 'map') {
        this.schemaError(`card "${id}" output "${e.key}": give a value for each branch (${branches.join(', ')})`, e.value.loc, id)
        return [e.key, perBranch]
      }
      for (const b of e.value.entries) {
        if (!branches.includes(b.key)) this.schemaError(`card "${id}" output "${e.key}": unknown branch "${b.key}"${suggest(b.key, [...branches])}`, b.keyLoc, id)
        else perBranch.set(b.key, this.compile(b.value, id))
      }
      for (const b of branches) {
        if (!perBranch.has(b) && e.value.entries.every((x) => x.key !== b)) {
          this.schemaError(`card "${id}" output "${e.key}": no value for branch "${b}"`, e.value.loc, id)
        }
      }
      return [e.key, perBranch]
    })
  }

  /** Declared outputs are escaped for X when each branch's value is a reference to an output escaped for X. */
  private declaredEscape(declared: PlannedCard['declaredOutputs']): Escape | undefined {
    const modes = declared.flatMap(([, perBranch]) =>
      [...perBranch.values()].map((v) => (v.kind === 'ref' && !v.escape ? this.ids.get(v.ref.card)?.escaped : undefined)),
    )
    const [first] = modes
    return first && modes.every((m) => m === first) ? first : undefined
  }

  private outputInfo(def: AnyCardDef, literalInputs: Record<string, unknown>, declared: PlannedCard['declaredOutputs']): OutputInfo {
    const dynamic = def.outputNames?.(literalInputs)
    const names = [...Object.keys(def.outputs.properties), ...(dynamic ?? []), ...declared.map(([n]) => n)]
    const open = def.outputNames !== undefined && dynamic === undefined
    return { names, schema: def.outputs, open }
  }

  /** Cards run top to bottom; a card sees the trigger, earlier cards, and earlier cards of the branches it is in. */
  private checkReferences(cards: PlannedCard[], visible: Set<string>) {
    const seen = new Set(visible)
    for (const card of cards) {
      for (const [, value] of card.inputs) this.checkRefs(referencesOf(value), card, seen)
      for (const [branch, list] of card.branches) {
        const inner = new Set(seen)
        this.checkReferences(list, inner)
        const branchScope = new Set([...inner, ...collectIds(list)])
        for (const [, perBranch] of card.declaredOutputs) {
          const v = perBranch.get(branch)
          if (v) this.checkRefs(referencesOf(v), card, branchScope)
        }
      }
      seen.add(card.id)
      visible.add(card.id)
    }
  }

  private checkRefs(refs: Reference[], card: PlannedCard, visible: Set<string>) {
    for (const ref of refs) {
      const err = this.refProblem(ref, card, visible)
      if (err) this.errors.push(new FlowReferenceError(`card "${card.id}": ${err}`, ref.loc, card.id))
    }
  }

  private refProblem(ref: Reference, card: PlannedCard, visible: Set<string>): string | undefined {
    const target = this.ids.get(ref.card)
    if (!target) return `unknown card "${ref.card}" in {{${ref.source}}}${suggest(ref.card, [...visible])}`
    if (target.unknownType) return undefined
    if (ref.card === card.id) return `{{${ref.source}}} refers to the card itself (a cycle)`
    if (!visible.has(ref.card)) {
      if (target.owner && target.seq < (this.ids.get(card.id)?.seq ?? 0)) {
        return `"${ref.card}" is inside the "${target.owner.branch}" branch of "${target.owner.id}" and is not visible here; declare an output on "${target.owner.id}" instead`
      }
      return `"${ref.card}" runs after "${card.id}" (line ${target.loc.line}); cards run top to bottom, so this reference would be a cycle`
    }
    const [output, ...rest] = ref.path
    if (output === undefined || target.outputs.open) return undefined
    if (!target.outputs.names.includes(output)) {
      return `card "${ref.card}" has no output "${output}"${suggest(output, target.outputs.names)}`
    }
    return nestedProblem(target.outputs.schema?.properties[output], rest, `${ref.card}.${output}`)
  }
}

/** The inputs whose value is known before the run (no reference, no template). */
function literalsOf(inputs: [string, ValueNode][]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of inputs) {
    const lit = literalOf(v)
    if (lit) out[k] = lit.value
  }
  return out
}

function collectIds(list: PlannedCard[]): string[] {
  return list.flatMap((c) => [c.id, ...c.branches.flatMap(([, l]) => collectIds(l))])
}

/** Checks deeper segments where the output's schema lists its fields (Okta User → Alternate ID). */
function nestedProblem(schema: unknown, rest: string[], where: string): string | undefined {
  let s = schema as { properties?: Record<string, unknown>; additionalProperties?: unknown; anyOf?: unknown[] } | undefined
  let path = where
  for (const seg of rest) {
    if (!s?.properties || s.additionalProperties === true) return undefined
    const names = Object.keys(s.properties)
    if (!names.includes(seg)) return `"${path}" has no field "${seg}"${suggest(seg, names)}`
    s = s.properties[seg] as typeof s
    path = `${path}.${seg}`
  }
  return undefined
}
