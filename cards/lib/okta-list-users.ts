/** What List Users with Filter and List Users with Search share: `GET /api/v1/users` with `filter` or `search`. */
import { type TObject, Type } from '@sinclair/typebox'
import { type CardContext, type CardExample, defineCard } from '../../engine/card.ts'
import type { ExportMapping } from '../../engine/export-mapping.ts'
import { type OktaUser, sampleUser, userSummary } from '../../connectors/okta/users.ts'
import { okta } from '../../connectors/okta/index.ts'

/** One page of the maximum size; Okta pages further with Link headers, which `First 200` skips. */
export const PAGE = 200

const Users = Type.Array(Type.Object({ ID: Type.String(), 'Raw Output': Type.Unknown() }, { additionalProperties: true }))

async function listUsers(ctx: CardContext, query: Record<string, string>) {
  const users = await ctx.call({
    connector: okta,
    operation: 'GET /api/v1/users',
    request: { query },
    idempotent: true,
    send: (client, signal) => client.request<OktaUser[]>('GET', '/api/v1/users', { query, signal }),
    dryRun: () => [sampleUser('00u0000000000000000')],
  })
  return { Users: (Array.isArray(users) ? users : []).map(userSummary) }
}

export const STATUS = Type.Optional(Type.String({ description: 'ACTIVE, STAGED, SUSPENDED, DEPROVISIONED, …' }))

export function listCard<I extends TObject>(type: string, title: string, description: string, inputs: I, query: (i: Record<string, unknown>) => Record<string, string>, mapping: ExportMapping, examples: CardExample[]) {
  return defineCard({
    type,
    title,
    description: `${description} Gives the first ${PAGE} users (one page).`,
    kind: 'connector',
    connector: okta,
    inputs,
    outputs: Type.Object({ Users }),
    okta: mapping,
    examples,
    run: (ctx, i) => listUsers(ctx, { ...query(i as Record<string, unknown>), limit: String(PAGE) }),
  })
}

export const quoted = (v: unknown) => `"${String(v).replaceAll('"', '\\"')}"`

