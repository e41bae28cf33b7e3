import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { enc, type OktaUser, sampleUser, userSummary } from '../../connectors/okta/users.ts'
import { okta } from '../../connectors/okta/index.ts'
import { mapped, named } from '../../importer/mapping.ts'

export default defineCard({
  type: 'okta.updateUser',
  title: 'Okta - Update User',
  description:
    'Updates profile attributes of a user. `Partial` (default) changes only the attributes given ' +
    '(`POST /api/v1/users/{id}`); `Full` replaces the whole profile (`PUT`), so attributes left out are cleared.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({
    ID: Type.String({ minLength: 1, description: 'User id (`00u…`) or login.' }),
    profile: Type.Record(Type.String(), Type.Unknown(), { description: 'Attribute name to new value, e.g. {mobilePhone: …}.' }),
    updateSemantics: Type.Union([Type.Literal('Partial'), Type.Literal('Full')], { default: 'Partial' }),
  }),
  outputs: Type.Object({ ID: Type.String(), Status: Type.Union([Type.String(), Type.Null()]), 'Raw Output': Type.Unknown() }, { additionalProperties: true }),
  examples: [
    { title: 'changes one attribute', inputs: { ID: '00u1abcd', profile: { mobilePhone: '+1 555 0100' } } },
  ],
  okta: { keys: ['okta:updateUser'], map: (v) => mapped({ ID: v.input('ID'), profile: named(v, ['ID', 'updateSemantics']), updateSemantics: v.input('updateSemantics') === 'PUT' ? 'Full' : undefined }) },
  async run(ctx, { ID, profile, updateSemantics }) {
    const method = updateSemantics === 'Full' ? 'PUT' : 'POST'
    const user = await ctx.call({
      connector: okta,
      operation: `${method} /api/v1/users/{id}`,
      request: { user: ID, profile },
      // A partial update sets the same values again: safe to repeat.
      idempotent: true,
      send: (client, signal) => client.request<OktaUser>(method, `/api/v1/users/${enc(ID)}`, { body: { profile }, signal }),
      dryRun: () => sampleUser(ID, profile),
    })
    return userSummary(user)
  },
})
