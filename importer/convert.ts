/**
 * One Okta flow to one cardflow flow: cards in order, pins to `{{card.Output}}` references,
 * If/Else with its Join to branches with declared outputs, comments kept, inline flows split out.
 */
import type { ExportedCard, ExportedField } from '../engine/export-mapping.ts'
import type { Registry } from '../engine/registry.ts'
import { fieldsOf, isFlowData, type OktaField, type OktaFlowData, type OktaMethod, shortAddress } from './flopack.ts'
import { type IrCard, type IrFlow, type IrTrigger, IdAllocator, idFromName, refText } from './ir.ts'
import { defined } from './mapping.ts'
import { PinConversions } from './conversions.ts'
import { markComposedMarkup } from './markup.ts'
import { type Ordered, orderFlow, type Step } from './order.ts'
import { pickMapping, triggerFor } from './triggers.ts'

/** A card as mapped: its cardflow type, inputs and output renames (see ExportMapping). */
interface Mapped {
  type: string
  inputs: Record<string, unknown>
  outputs?: Record<string, string | string[]>
}

/** What a flow's conversion needs from the whole export. */
export interface PackContext {
  registry: Registry
  flowName(uuid: string): string | undefined
  connectionName(configId: string): string | undefined
  /** Registers an inline flow (For Each's helper, If Error's Try) as its own helper flow; gives its name. */
  addInline(data: OktaFlowData, name: string): string
}

type Source = { m: OktaMethod; f: OktaField; transform: unknown }

export function convertFlow(name: string, description: string | null | undefined, data: OktaFlowData, pack: PackContext, slug: string): IrFlow {
  return new FlowConverter(name, data, pack).convert(description, slug)
}

class FlowConverter {
  private readonly byId = new Map<string, OktaMethod>()
  private readonly outputOwner = new Map<string, { m: OktaMethod; f: OktaField }>()
  private readonly pinsInto = new Map<string, Source[]>()
  private readonly ids = new Map<string, string>()
  private readonly mapped = new Map<string, Mapped>()
  private readonly alloc = new IdAllocator()
  private readonly conversions = new PinConversions(this.alloc)
  /** Helper flow names by card and input, so an inline flow is split out once. */
  private readonly helpers = new Map<string, string | undefined>()
  private ordered: Ordered
  /** Cards that stand for the trigger: the event card, and the inline Helper Flow card it feeds. */
  private readonly triggerUuids = new Set<string>()
  private triggerId = 'trigger'
  private triggerPath: ((key: string, group: string | null) => string[] | undefined) | undefined
  private unsupported: string[] = []
  private cardCount = 0

  constructor(
    private readonly name: string,
    private readonly data: OktaFlowData,
    private readonly pack: PackContext,
  ) {
    this.ordered = orderFlow(data)
    this.index(data)
  }

  private index(data: OktaFlowData) {
    for (const m of data.methods) {
      this.byId.set(m.uuid, m)
      for (const f of fieldsOf(m, 'outputs')) this.outputOwner.set(f.id, { m, f })
    }
    for (const m of data.methods) {
      for (const [outId, targets] of Object.entries(m.pins ?? {})) {
        const f = this.outputOwner.get(outId)?.f
        if (!f) continue
        for (const [target, list] of Object.entries(targets)) {
          for (const p of list) {
            const key = `${target}/${p.input}`
            this.pinsInto.set(key, [...(this.pinsInto.get(key) ?? []), { m, f, transform: p.transform }])
          }
        }
      }
    }
  }

  convert(description: string | null | undefined, slug: string): IrFlow {
    const trigger = this.trigger()
    const cards = this.steps(this.flattenEventBatch() ?? this.ordered.steps)
    const lost = this.steps(this.ordered.unreachable.map((m) => ({ kind: 'card', m }) as const))
    const { list, trailing } = cards
    markComposedMarkup([...list, ...lost.list], this.pack.registry)
    return {
      name: this.name,
      slug,
      ...(description ? { description } : {}),
      trigger,
      cards: [...list, ...lost.list],
      ...(trailing || lost.trailing ? { trailingComment: [trailing, lost.trailing].filter(Boolean).join('\n\n') } : {}),
      unsupported: this.unsupported,
      cardCount: this.cardCount,
    }
  }

  private trigger(): IrTrigger {
    const t = this.ordered.trigger
    const mapped = triggerFor(t && this.view(t), this.pack.registry)
    this.triggerId = this.alloc.take(mapped.id)
    this.triggerPath = mapped.outputPath
    if (t) this.triggerUuids.add(t.uuid)
    if (mapped.type === 'unsupported') this.unsupported.push(t?.address ?? 'none')
    return { id: this.triggerId, type: mapped.type, options: mapped.options, ...(mapped.comment && { comment: mapped.comment }) }
  }

  /**
   * Okta event cards hand over a list of events and the template runs "For Each - Ignore Errors"
   * over it with an inline helper. cardflow runs a flow once per event already, so the helper's
   * cards become the flow's own and its start card reads the event card's outputs.
   */
  private flattenEventBatch(): Step[] | undefined {
    const t = this.ordered.trigger
    const [only, ...rest] = this.ordered.steps.filter((s) => shortAddress(s.m.address) !== 'control:comment')
    if (!t || !t.address.startsWith('root:channels:') || !only || rest.length > 0 || only.kind !== 'card') return undefined
    if (!['list:asyncEach', 'list:each'].includes(shortAddress(only.m.address))) return undefined
    const inline = fieldsOf(only.m, 'inputs').map((f) => f.value.data).find(isFlowData)
    if (!inline) return undefined
    this.index(inline)
    const inner = orderFlow(inline)
    if (inner.trigger) this.triggerUuids.add(inner.trigger.uuid)
    this.ordered = { ...this.ordered, unreachable: [...this.ordered.unreachable.filter((m) => m !== only.m), ...inner.unreachable] }
    return inner.steps
  }

  private steps(steps: readonly Step[]): { list: IrCard[]; trailing?: string } {
    const list: IrCard[] = []
    let pending: string[] = []
    for (const step of steps) {
      const comment = commentOf(step.m)
      // "< text" points at the card on its left in Okta's canvas: the card before it.
      const prev = list.at(-1)
      if (comment?.startsWith('<') && prev && pending.length === 0) {
        prev.comment = [prev.comment, comment.replace(/^<\s*/, '')].filter(Boolean).join('\n')
        continue
      }
      if (comment !== undefined) {
        pending.push(comment)
        continue
      }
      const card = step.kind === 'if' ? this.ifElse(step) : this.card(step.m)
      const converters = this.conversions.take(step.m.uuid)
      if (pending.length > 0) (converters[0] ?? card).comment = pending.join('\n\n')
      pending = []
      list.push(...converters, card)
    }
    return pending.length > 0 ? { list, trailing: pending.join('\n\n') } : { list }
  }

  private idOf(m: OktaMethod): string {
    let id = this.ids.get(m.uuid)
    if (!id) {
      id = this.alloc.take(idFromName(m.node.data.name ?? '', 'card'))
      this.ids.set(m.uuid, id)
    }
    return id
  }

  private card(m: OktaMethod): IrCard {
    this.cardCount++
    const mapped = this.mapCard(m)
    if (mapped.type === 'unsupported') this.unsupported.push(m.address)
    // some exports name the connection only in display.configRef (access_request_with_slack's Post)
    const configId = m.node.model.config ?? m.node.model.display?.configRef
    const connection = configId ? this.pack.connectionName(configId) : undefined
    const usesConnection = this.pack.registry.cards.get(mapped.type)?.connector !== undefined
    return {
      id: this.idOf(m),
      type: mapped.type,
      inputs: mapped.inputs,
      ...(connection && usesConnection && mapped.type !== 'unsupported' ? { connection } : {}),
    }
  }

  private ifElse(step: Extract<Step, { kind: 'if' }>): IrCard {
    const card = this.card(step.m)
    const then = this.steps(step.then)
    const otherwise = this.steps(step.else)
    card.branches = { then: then.list, else: otherwise.list }
    if (step.join) card.outputs = this.joinOutputs(step, card.id)
    return card
  }

  /** Each Join input becomes a declared output taking, per branch, the value pinned from that branch. */
  private joinOutputs(step: Extract<Step, { kind: 'if' }>, ifId: string): IrCard['outputs'] {
    const join = step.join!
    this.ids.set(join.uuid, ifId)
    const inThen = new Set(uuidsOf(step.then))
    const inElse = new Set(uuidsOf(step.else))
    const out: NonNullable<IrCard['outputs']> = {}
    for (const [inputId, targets] of Object.entries(join.joins)) {
      const outField = fieldsOf(join, 'outputs').find((f) => f.id === targets[0]?.output)
      const inField = fieldsOf(join, 'inputs').find((f) => f.id === inputId)
      if (!outField) continue
      const fallback = inField ? literalOf(inField) ?? null : null
      const values: { then: unknown; else: unknown } = { then: fallback, else: fallback }
      const sources = this.pinsInto.get(`${join.uuid}/${inputId}`) ?? []
      const rest: Source[] = []
      for (const s of sources) {
        const home = this.homeOf(s.m)
        if (inThen.has(home)) values.then = this.refTo(s)
        else if (inElse.has(home)) values.else = this.refTo(s)
        else rest.push(s)
      }
      // A value from before the If/Else fills the branch that has none of its own.
      for (const s of rest) {
        if (values.then === fallback) values.then = this.refTo(s)
        else if (values.else === fallback) values.else = this.refTo(s)
      }
      out[outField.key] = values
    }
    return out
  }

  /** An expanded-field card belongs where the card it expands is. */
  private homeOf(m: OktaMethod): string {
    if (shortAddress(m.address) !== 'object:expand') return m.uuid
    const src = this.pinsInto.get(`${m.uuid}/${fieldsOf(m, 'inputs').find((f) => f.key === 'object')?.id}`)?.[0]
    return src ? this.homeOf(src.m) : m.uuid
  }

  private mapCard(m: OktaMethod): Mapped {
    let mapped = this.mapped.get(m.uuid)
    if (!mapped) {
      const view = this.view(m)
      const def = pickMapping(this.pack.registry.cardsForExportKey(view.kind), view)
      if (def) {
        const { inputs, outputs } = def.okta?.map?.(view) ?? { inputs: sameNamedInputs(Object.keys(def.inputs.properties), view) }
        mapped = { type: def.type, inputs, ...(outputs && { outputs }) }
      } else mapped = unsupportedOf(view)
      this.mapped.set(m.uuid, mapped)
    }
    return mapped
  }

  private outputKeys(m: OktaMethod): string[] {
    return fieldsOf(m, 'outputs').filter((f) => f.key !== 'execution_id' || f.group !== 'context').map((f) => f.key)
  }

  private view(m: OktaMethod): ExportedCard {
    const fields = (): ExportedField[] =>
      fieldsOf(m, 'inputs').map((field) => {
        const sources = this.pinsInto.get(`${m.uuid}/${field.id}`) ?? []
        const value = sources[0] ? this.refTo(sources[0], { uuid: m.uuid, field: field.id }) : literalOf(field)
        const proxy = field.value.proxy
        const item = proxy?.dynamic ? (proxy.path ?? '') : undefined
        return { id: field.id, key: field.key, group: field.group ?? null, type: field.value.type, custom: field.metadata?.custom === true, value, pinned: sources.length > 0, ...(item !== undefined && { item }) }
      })
    return {
      address: m.address,
      name: m.node.data.name ?? '',
      kind: shortAddress(m.address),
      input: (key) => fields().find((x) => x.key === key)?.value,
      rawInput: (key) => fieldsOf(m, 'inputs').find((f) => f.key === key)?.value.data,
      fields,
      outputKeys: () => this.outputKeys(m),
      flowSchedule: () => (this.data.scheduled === true ? this.data.cron : undefined),
      errorFlow: () => {
        const memo = `${m.uuid}/policy.error`
        if (!this.helpers.has(memo)) {
          const flo = m.node.model.policy?.error?.flo
          this.helpers.set(memo, isFlowData(flo) ? this.pack.addInline(flo, `${this.name} - ${m.node.data.name ?? 'If Error'} (${this.idOf(m)}) - if error`) : undefined)
        }
        return this.helpers.get(memo)
      },
      helperFlow: (key) => {
        const memo = `${m.uuid}/${key}`
        if (this.helpers.has(memo)) return this.helpers.get(memo)
        const name = this.helperName(m, key)
        this.helpers.set(memo, name)
        return name
      },
    }
  }

  private helperName(m: OktaMethod, key: string): string | undefined {
    const data = fieldsOf(m, 'inputs').find((f) => f.id === key || f.key === key)?.value.data
    if (typeof data === 'string') return this.pack.flowName(data) ?? data
    if (isFlowData(data)) return this.pack.addInline(data, `${this.name} - ${m.node.data.name ?? 'helper'} (${this.idOf(m)})`)
    return undefined
  }

  /**
   * The reference text for a pinned output, following expanded fields and Joins back to their
   * card, converted as the pin says; `reader`: the card input it goes into, where a converter
   * card can be placed before it (not a Join's outputs or the trigger's options).
   */
  private refTo(s: Source, reader?: { uuid: string; field: string }): unknown {
    const convert = (s.transform as Record<string, { convert?: string }> | null)?.[s.f.id]?.convert
    const inFlow = reader && !this.triggerUuids.has(reader.uuid)
    return this.conversions.apply(convert, refText(...this.pathTo(s)), inFlow ? reader : undefined)
  }

  private pathTo({ m, f }: Source): [string, string[]] {
    if (this.triggerUuids.has(m.uuid)) return [this.triggerId, this.triggerPath?.(f.key, f.group ?? null) ?? [f.key]]
    if (shortAddress(m.address) === 'object:expand') {
      const keyField = fieldsOf(m, 'outputs').find((o) => o.group === f.group && o.key === 'key')
      const path = Array.isArray(keyField?.value.data) ? keyField.value.data.map(String) : [f.key]
      const objectField = fieldsOf(m, 'inputs').find((i) => i.key === 'object')
      const src = objectField && this.pinsInto.get(`${m.uuid}/${objectField.id}`)?.[0]
      if (!src) return ['missing', path]
      const [id, base] = this.pathTo(src)
      return [id, [...base, ...path]]
    }
    if (shortAddress(m.address) === 'control:join') return [this.ids.get(m.uuid) ?? 'join', [f.key]]
    const renamed = this.mapCard(m).outputs?.[f.key] ?? f.key
    return [this.idOf(m), typeof renamed === 'string' ? [renamed] : renamed]
  }
}

function literalOf(f: OktaField): unknown {
  const d = f.value.data
  return d === null || d === undefined ? undefined : escapeBraces(d)
}

/** Okta text is plain: a `{{` in it must not become a cardflow reference, so it is escaped for Handlebars. */
export function escapeBraces(v: unknown): unknown {
  if (typeof v === 'string') return v.replaceAll('{{', '\\{{')
  if (Array.isArray(v)) return v.map(escapeBraces)
  if (v !== null && typeof v === 'object' && !isFlowData(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escapeBraces(x)]))
  return v
}

function uuidsOf(steps: readonly Step[]): string[] {
  return steps.flatMap((s) => [s.m.uuid, ...(s.kind === 'if' ? [...uuidsOf(s.then), ...uuidsOf(s.else)] : [])])
}

function commentOf(m: OktaMethod): string | undefined {
  if (shortAddress(m.address) !== 'control:comment') return undefined
  const c = m.node.model.comments
  const lines = [c?.title, c?.markdown].join('\n').split('\n')
  // Okta repeats the title's pointer in the text; one "<" is enough.
  const text = lines.filter((l, i) => l.trim() !== '' && !(i > 0 && l.trim() === lines[0]?.trim())).join('\n')
  return text || '(empty comment)'
}

/** Each input from the exported field of the same key: the mapping of a card without `okta.map`. */
function sameNamedInputs(names: string[], v: ExportedCard): Record<string, unknown> {
  return defined(Object.fromEntries(names.map((n) => [n, v.input(n)])))
}

/** Keeps an Okta card cardflow cannot run: its address, name, inputs and output names. */
export function unsupportedOf(v: ExportedCard): Mapped {
  const inputs: Record<string, unknown> = {}
  const fields = v.fields()
  // Sections (If/ElseIf's conditions) repeat a key; the section's name keeps each one.
  const repeated = (key: string) => fields.filter((f) => f.key === key).length > 1
  for (const field of fields) {
    const name = repeated(field.key) && field.group ? `${field.group}/${field.key}` : field.key
    if (field.type === 'flo' || isFlowData(field.value)) inputs[name] = v.helperFlow(field.id)
    else if (field.value !== undefined && field.value !== '') inputs[name] = field.value
  }
  const outputs = v.outputKeys()
  return {
    type: 'unsupported',
    inputs: defined({
      address: v.address,
      name: v.name || undefined,
      inputs: Object.keys(inputs).length > 0 ? inputs : undefined,
      outputs: outputs.length > 0 ? outputs : undefined,
    }),
  }
}
