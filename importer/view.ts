/** What a card mapper sees of one Okta card: its inputs already turned into cardflow values. */
import type { OktaField, OktaMethod } from './flopack.ts'

export interface CardView {
  m: OktaMethod
  /** The card's name in Okta, e.g. `Send Message to Channel`. */
  name: string
  /** Short address, e.g. `string:compose`, `okta:readUser`. */
  kind: string
  /** An input's value by Okta key: a `{{reference}}`, a literal, or undefined when it has none. */
  input(key: string): unknown
  /** Every input field with its value, in Okta's order (extensible cards: Construct, Compose). */
  fields(): { field: OktaField; value: unknown; pinned: boolean }[]
  outputKeys(): string[]
  /** The helper flow an input names (a flow id or an inline flow), as a cardflow flow name. */
  helperFlow(key: string): string | undefined
}

export interface Mapped {
  type: string
  inputs: Record<string, unknown>
  /** Okta output key → cardflow output name (or path into one), where they differ. */
  outputs?: Record<string, string | string[]>
}

export type Mapper = (v: CardView) => Mapped

/** Drops undefined entries so the YAML holds only what was set. */
export function defined(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined))
}

/** Okta's comparison symbols to cardflow's operator names. */
export const OPERATOR_NAMES: Record<string, string> = {
  '==': 'equal',
  '!=': 'not equal',
  '>': 'greater than',
  '>=': 'greater than or equal',
  '<': 'less than',
  '<=': 'less than or equal',
  in: 'in',
  'not in': 'not in',
  'is empty': 'is empty',
  'is not empty': 'is not empty',
}
