/**
 * Okta cards that act on one user by id or login and answer a Status Code: Suspend User,
 * Unsuspend User, Activate User, Deactivate User, Reset Password, Delete User… One request each,
 * the user as one checked path segment.
 */
import { type TProperties, Type } from '@sinclair/typebox'
import { type CardExample, defineCard } from '../../engine/card.ts'
import type { ExportMapping } from '../../engine/export-mapping.ts'
import type { OktaMethod, OktaResponse } from '../../connectors/okta/client.ts'
import { okta } from '../../connectors/okta/index.ts'
import { segment } from '../../connectors/okta/path.ts'
import { oktaSend } from './okta-call.ts'

export interface UserActionSpec<P extends TProperties, O extends TProperties> {
  type: string
  title: string
  description: string
  method: OktaMethod
  /** After `/api/v1/users/{id}`, e.g. `/lifecycle/suspend`; empty for the user itself. */
  suffix: string
  /** The input that names the user: Okta calls it `ID or Login` on most cards, `ID` on some. */
  idInput: string
  /** The card's other inputs (Send Email?, …). */
  options?: P
  /** Outputs besides Status Code (Activation, Reset Password…). */
  outputs?: O
  query?(inputs: Record<string, unknown>): Record<string, string>
  headers?(inputs: Record<string, unknown>): Record<string, string> | undefined
  /** Safe to send twice (Okta answers the same, or the state is already reached). */
  idempotent: boolean
  /** The other outputs from Okta's answer. */
  result?(res: OktaResponse, inputs: Record<string, unknown>): Record<string, unknown>
  dryRunBody?(inputs: Record<string, unknown>): unknown
  okta?: ExportMapping
  examples: CardExample[]
}

/** Okta's Yes/No options, given as true/false or Okta's words. */
export const YesNo = (description: string, fallback: boolean) => Type.Union([Type.Boolean(), Type.Literal('Yes'), Type.Literal('No')], { default: fallback, description })
export const isYes = (v: unknown) => v === true || v === 'Yes'

export function userActionCard<P extends TProperties, O extends TProperties>(spec: UserActionSpec<P, O>) {
  const operation = `${spec.method} /api/v1/users/{id}${spec.suffix}`
  return defineCard({
    type: spec.type,
    title: spec.title,
    description: spec.description,
    kind: 'connector',
    connector: okta,
    inputs: Type.Object({ [spec.idInput]: Type.String({ minLength: 1, description: 'User id (`00u…`) or login.' }), ...spec.options }),
    outputs: Type.Object({ 'Status Code': Type.Integer({ description: 'The HTTP status Okta answered (200 or 204).' }), ...spec.outputs }),
    ...(spec.okta && { okta: spec.okta }),
    examples: spec.examples,
    async run(ctx, i: Record<string, unknown>) {
      const id = i[spec.idInput] as string
      const query = spec.query?.(i)
      const headers = spec.headers?.(i)
      const res = await oktaSend(ctx, {
        method: spec.method,
        operation,
        path: () => `/api/v1/users/${segment(id, `"${spec.idInput}"`)}${spec.suffix}`,
        ...(query && { query }),
        ...(headers && { headers }),
        request: { user: id, ...query, ...headers },
        idempotent: spec.idempotent,
        dryRun: () => ({ status: spec.dryRunBody ? 200 : spec.method === 'DELETE' ? 204 : 200, body: spec.dryRunBody?.(i) }),
      })
      return { 'Status Code': res.status, ...spec.result?.(res, i) }
    },
  })
}

/**
 * An export mapping from Okta's field keys: each input from the first of its keys that is set
 * (Okta's cards name a field by key, `id`, or by its label, `ID or Login`, depending on the
 * version), Yes/No choices as they are, and `statusCode` as `Status Code`.
 */
export function exportedAs(key: string, inputs: Record<string, readonly string[]>, outputs: Record<string, string> = {}): ExportMapping {
  return {
    keys: [key],
    map: (v) => {
      const values: Record<string, unknown> = {}
      for (const [name, keys] of Object.entries(inputs)) {
        const value = keys.map((k) => v.input(k)).find((x) => x !== undefined && x !== '')
        if (value !== undefined) values[name] = value
      }
      return { inputs: values, outputs: { statusCode: 'Status Code', ...outputs } }
    },
  }
}
