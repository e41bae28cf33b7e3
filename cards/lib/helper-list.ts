/**
 * What the list cards that run a helper flow per item share (For Each, Map, Filter Custom, Find
 * Custom, Sort Custom, Unique Custom): which helper inputs take the item (or a field of it), the
 * values every run gets, and Okta's concurrency, kept only where the order of results is kept.
 */
import { Type } from '@sinclair/typebox'
import type { CardContext } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import type { ExportedCard } from '../../engine/export-mapping.ts'
import { readPath } from '../object/get-multiple.ts'
import { defined, nonEmpty } from '../../importer/mapping.ts'
import { callHelper, returnedOf } from './flow-result.ts'

/** Okta caps a list it iterates; a longer one is almost always a wrong reference. */
export const MAX_ITEMS = 10_000

export const HELPER_INPUTS = {
  list: Type.Array(Type.Unknown(), { maxItems: MAX_ITEMS }),
  flow: Type.String({ minLength: 1, description: "The helper flow's name." }),
  item: Type.String({ minLength: 1, default: 'item', description: 'The helper input that receives each item.' }),
  itemFields: Type.Record(Type.String(), Type.String({ minLength: 1 }), { default: {}, description: 'Helper inputs that receive a field of each item: input name to dot path.' }),
  inputs: Type.Record(Type.String(), Type.Unknown(), { default: {}, description: 'Values every run of the helper gets.' }),
}

export const concurrency = (byDefault: number) =>
  Type.Integer({ minimum: 1, maximum: 200, default: byDefault, description: 'How many items run at once (1 to 200); results keep the order of the list.' })

export interface ItemSpec {
  item: string
  itemFields: Record<string, string>
  inputs: Record<string, unknown>
}

/** One helper run's inputs: the shared values, the item (and its fields), and its position. */
export function argsFor(spec: ItemSpec, value: unknown, index: number, cardId?: string): Record<string, unknown> {
  const args: Record<string, unknown> = { ...spec.inputs, index, [spec.item]: value }
  for (const [name, path] of Object.entries(spec.itemFields)) args[name] = readPath(value, path, cardId)
  return args
}

/** Runs `fn` over the items, at most `limit` at once; results in the order of the items. The first failure fails the whole. */
export async function eachLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++
      try {
        results[i] = await fn(items[i]!, i)
      } catch (err) {
        failed = true
        throw err
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

/** The first value the helper's Return gives (its name does not matter, as in Okta). */
export async function helperValue(ctx: CardContext, flow: string, args: Record<string, unknown>): Promise<unknown> {
  const returned = returnedOf(await callHelper(ctx, flow, args))
  return Object.values(returned)[0] ?? null
}

export function checkLength(list: readonly unknown[], title: string, cardId?: string): void {
  if (list.length > MAX_ITEMS) throw new CardFailedError(`list has ${list.length} items; ${title} takes at most ${MAX_ITEMS}`, cardId)
}

/**
 * An exported helper-calling list card: the helper inputs Okta feeds from each item (its
 * "dynamic" fields) and the others, the same for every item. Without a dynamic field, the one
 * input no card feeds takes the item, as older exports leave it.
 */
export function helperCallOf(v: ExportedCard, own: readonly string[] = ['list', 'flo', 'concurrency', 'memo']): Record<string, unknown> {
  const fields = v.fields().filter((f) => !own.includes(f.key) && f.type !== 'flo')
  const dynamic = fields.filter((f) => f.item !== undefined)
  const whole = dynamic.find((f) => f.item === '')?.key ?? (dynamic.length === 0 ? fields.find((f) => !f.pinned && f.custom && f.value === undefined)?.key : undefined)
  const itemFields = Object.fromEntries(dynamic.filter((f) => f.item && f.key !== whole).map((f) => [f.key, f.item!]))
  const inputs = Object.fromEntries(fields.filter((f) => f.key !== whole && !(f.key in itemFields)).map((f) => [f.key, f.value ?? null]))
  return defined({ list: v.input('list'), flow: v.helperFlow('flo'), item: whole, itemFields: nonEmpty(itemFields), inputs: nonEmpty(inputs), concurrency: v.input('concurrency') })
}
