import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { callHelper } from '../lib/flow-result.ts'
import { enc } from '../../connectors/okta/users.ts'
import { okta } from '../../connectors/okta/index.ts'
import { inGroup, mapped, nonEmpty } from '../../importer/mapping.ts'

/** A group as Okta's group cards show it. */
function groupRecord(g: Record<string, unknown>) {
  const profile = (typeof g.profile === 'object' && g.profile !== null ? g.profile : {}) as Record<string, unknown>
  return {
    ID: String(g.id ?? ''),
    Name: profile.name ?? null,
    Description: profile.description ?? null,
    Type: g.type ?? null,
    Created: g.created ?? null,
    'Last Updated': g.lastUpdated ?? null,
    'Last Membership Updated': g.lastMembershipUpdated ?? null,
  }
}

export default defineCard({
  type: 'okta.getUsersGroups',
  title: "Okta - Get User's Groups",
  description:
    'The groups a user belongs to (`GET /api/v1/users/{id}/groups`), as `Groups`. With `flow`, each group ' +
    'is streamed to that helper flow instead, as its `Record` input, with `state` as its `State` input (Okta\'s "Stream Records").',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({
    ID: Type.String({ minLength: 1, description: 'User id.' }),
    Limit: Type.Optional(Type.Integer({ minimum: 1, description: 'At most this many groups (Okta answers up to 10,000).' })),
    flow: Type.Optional(Type.String({ minLength: 1, description: 'Helper flow to stream each group to.' })),
    state: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Passed to every streamed run as `State`.' })),
  }),
  outputs: Type.Object({
    Groups: Type.Array(Type.Unknown(), { description: 'Empty when the groups are streamed.' }),
    'Records Streamed': Type.Integer(),
  }),
  examples: [
    { title: 'lists a user\'s groups', inputs: { ID: '00u1abcd' } },
  ],
  okta: {
    keys: ['okta:getUsersGroups'],
    map: (v) => {
      const streamed = v.input('resultSet') === 'Stream Records'
      return mapped({ ID: v.input('ID'), Limit: v.input('Limit') || undefined, flow: streamed ? v.helperFlow('Flow') : undefined, state: streamed ? nonEmpty(inGroup(v, 'Streaming', ['Flow'])) : undefined })
    },
  },
  async run(ctx, { ID, Limit, flow, state }) {
    const groups = await ctx.call({
      connector: okta,
      operation: 'GET /api/v1/users/{id}/groups',
      request: { user: ID, ...(Limit && { limit: Math.min(Limit, 10_000) }) },
      idempotent: true,
      send: (client, signal) => client.request<Record<string, unknown>[]>('GET', `/api/v1/users/${enc(ID)}/groups`, { ...(Limit && { query: { limit: String(Math.min(Limit, 10_000)) } }), signal }),
      dryRun: () => [{ id: '00gDryRunGroup', type: 'OKTA_GROUP', profile: { name: 'Sample group', description: null } }],
    })
    const records = (Array.isArray(groups) ? groups : []).slice(0, Limit).map(groupRecord)
    if (!flow) return { Groups: records, 'Records Streamed': 0 }
    for (const record of records) await callHelper(ctx, flow, { Record: record, State: state ?? {} })
    return { Groups: [], 'Records Streamed': records.length }
  },
})
