/** List Users with Filter and List Users with Search: `GET /api/v1/users` with `filter` or `search`. */
import { type TObject, Type } from '@sinclair/typebox'
import { type CardContext, defineCard } from '../../engine/card.ts'
import { type OktaUser, sampleUser, userSummary } from './users.ts'

/** One page of the maximum size; Okta pages further with Link headers, which `First 200` skips. */
const PAGE = 200

const Users = Type.Array(Type.Object({ ID: Type.String(), 'Raw Output': Type.Unknown() }, { additionalProperties: true }))

async function listUsers(ctx: CardContext, query: Record<string, string>) {
  const users = await ctx.call({
    connector: 'okta',
    operation: 'GET /api/v1/users',
    request: { query },
    idempotent: true,
    send: (client, signal) => client.request<OktaUser[]>('GET', '/api/v1/users', { query, signal }),
    dryRun: () => [sampleUser('00u0000000000000000')],
  })
  return { Users: (Array.isArray(users) ? users : []).map(userSummary) }
}

const STATUS = Type.Optional(Type.String({ description: 'ACTIVE, STAGED, SUSPENDED, DEPROVISIONED, …' }))

function listCard<I extends TObject>(type: string, title: string, description: string, inputs: I, query: (i: Record<string, unknown>) => Record<string, string>) {
  return defineCard({
    type,
    title,
    description: `${description} Gives the first ${PAGE} users (one page).`,
    kind: 'connector',
    connector: 'okta',
    inputs,
    outputs: Type.Object({ Users }),
    run: (ctx, i) => listUsers(ctx, { ...query(i as Record<string, unknown>), limit: String(PAGE) }),
  })
}

const quoted = (v: unknown) => `"${String(v).replaceAll('"', '\\"')}"`

export const listUsersWithFilter = listCard(
  'okta.listUsersWithFilter',
  'Okta - List Users with Filter',
  'Users matching `status` (`filter=status eq "…"`).',
  Type.Object({ status: STATUS, resultSet: Type.Optional(Type.String()) }),
  (i): Record<string, string> => (i.status ? { filter: `status eq ${quoted(i.status)}` } : {}),
)

export const listUsersWithSearch = listCard(
  'okta.listUsersWithSearch',
  'Okta - List Users with Search',
  'Users matching an Okta search expression: `Custom Search Criteria` (e.g. `profile.login sw "ann"`) and/or `status`.',
  Type.Object({ status: STATUS, 'Custom Search Criteria': Type.Optional(Type.String()), Limit: Type.Optional(Type.Integer({ minimum: 1, description: `At most ${PAGE} are read.` })), resultSet: Type.Optional(Type.String()) }),
  (i): Record<string, string> => {
    const parts = [i.status ? `status eq ${quoted(i.status)}` : '', typeof i['Custom Search Criteria'] === 'string' ? i['Custom Search Criteria'] : ''].filter(Boolean)
    return parts.length > 0 ? { search: parts.map((p) => (parts.length > 1 ? `(${p})` : p)).join(' and ') } : {}
  },
)
