/**
 * Okta stores a flow as cards plus "orderings" (edges from a card to the next). This turns them
 * back into the sequence a reader sees, with If/Else branches nested and their Join found.
 */
import { type OktaFlowData, type OktaMethod, shortAddress } from './flopack.ts'

export type Step =
  | { kind: 'card'; m: OktaMethod }
  | { kind: 'if'; m: OktaMethod; then: Step[]; else: Step[]; join: OktaMethod | undefined }

export interface Ordered {
  trigger: OktaMethod | undefined
  steps: Step[]
  /** Cards no ordering reaches: kept, after the others, so nothing is lost. */
  unreachable: OktaMethod[]
}

const TRIGGER_KEYS = new Set(['control:callable', 'http:accept'])
/** Cards that are wiring, not steps: expanded object fields, branch starts. */
const WIRING = new Set(['object:expand', 'control:noop'])

export const kindOf = (m: OktaMethod) => shortAddress(m.address)
export const isWiring = (m: OktaMethod) => WIRING.has(kindOf(m))
export const isJoin = (m: OktaMethod) => kindOf(m) === 'control:join'
export const isIf = (m: OktaMethod) => kindOf(m) === 'control:if'

/** Event cards live under channels (`okta:userCreated`); kernel triggers are Helper/Scheduled Flow and API Endpoint. */
export function isTrigger(m: OktaMethod): boolean {
  if (TRIGGER_KEYS.has(kindOf(m))) return true
  return m.address.startsWith('root:channels:') && fieldsHave(m, 'collection')
}

function fieldsHave(m: OktaMethod, outputKey: string): boolean {
  return Object.values(m.node.model.outputs?.data ?? {}).some((f) => f.key === outputKey)
}

export function orderFlow(flow: OktaFlowData): Ordered {
  const byId = new Map(flow.methods.map((m) => [m.uuid, m]))
  const next = new Map<string, string[]>()
  const incoming = new Set<string>()
  for (const [from, to] of Object.values(flow.orderings)) {
    const target = byId.get(to)
    if (from === to || !target || !byId.has(from) || kindOf(target) === 'object:expand') continue
    if (kindOf(byId.get(from)!) === 'object:expand') continue
    next.set(from, [...(next.get(from) ?? []), to])
    incoming.add(to)
  }
  const seen = new Set<string>()
  const successor = (id: string): string | undefined => {
    const all = next.get(id) ?? []
    // A branch start points both at its first card and straight at the Join; the card comes first.
    return all.find((t) => !isJoin(byId.get(t)!)) ?? all[0]
  }

  const walk = (start: string | undefined): { steps: Step[]; join?: OktaMethod } => {
    const steps: Step[] = []
    let cur = start
    while (cur && !seen.has(cur)) {
      const m = byId.get(cur)!
      if (isJoin(m)) return { steps, join: m }
      seen.add(cur)
      if (isIf(m)) {
        const starts = Object.entries(m.branches)
        const branchOf = (value: boolean) => {
          const noop = starts.find(([, v]) => v === value)?.[0]
          if (noop) seen.add(noop)
          return noop ? walk(successor(noop)) : { steps: [] }
        }
        const t = branchOf(true)
        const e = branchOf(false)
        const join = t.join ?? e.join
        steps.push({ kind: 'if', m, then: t.steps, else: e.steps, join })
        if (join) seen.add(join.uuid)
        cur = successor(join?.uuid ?? m.uuid)
        continue
      }
      if (!isWiring(m) && !isTrigger(m)) steps.push({ kind: 'card', m })
      cur = successor(cur)
    }
    return { steps }
  }

  const trigger = flow.methods.find((m) => isTrigger(m) && !incoming.has(m.uuid)) ?? flow.methods.find(isTrigger)
  const root = trigger?.uuid ?? flow.methods.find((m) => !incoming.has(m.uuid) && !isWiring(m))?.uuid ?? flow.methods.find((m) => !incoming.has(m.uuid))?.uuid
  const { steps } = walk(root)
  // Disconnected cards (often comments placed beside the chain) keep their place at the end.
  const unreachable = flow.methods.filter((m) => !seen.has(m.uuid) && m !== trigger && !isWiring(m) && !isJoin(m) && !isTrigger(m))
  return { trigger, steps, unreachable }
}
