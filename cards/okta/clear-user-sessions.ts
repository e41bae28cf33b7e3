import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { enc } from '../../connectors/okta/users.ts'
import { okta } from '../../connectors/okta/index.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'okta.clearUserSessions',
  title: 'Okta - Clear User Sessions',
  description:
    'Ends all of the user\'s Okta sessions (`DELETE /api/v1/users/{id}/sessions`); with ' +
    '`Revoke oauthTokens?` their OAuth and OpenID Connect tokens are revoked too. Safe to repeat.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({
    ID: Type.String({ minLength: 1, description: 'User id.' }),
    'Revoke oauthTokens?': Type.Boolean({ default: false }),
  }),
  outputs: Type.Object({ 'Status Code': Type.Integer() }),
  examples: [
    { title: 'ends a user\'s sessions and revokes their OAuth tokens', inputs: { ID: '00u1abcd', 'Revoke oauthTokens?': true }, outputs: { 'Status Code': 204 } },
  ],
  okta: { keys: ['okta:clearUserSessions'], map: sameKeys(['ID', 'Revoke oauthTokens?']) },
  async run(ctx, inputs) {
    const oauthTokens = String(inputs['Revoke oauthTokens?'])
    const res = await ctx.call({
      connector: okta,
      operation: 'DELETE /api/v1/users/{id}/sessions',
      request: { user: inputs.ID, oauthTokens: inputs['Revoke oauthTokens?'] },
      idempotent: true,
      send: (client, signal) => client.exchange('DELETE', `/api/v1/users/${enc(inputs.ID)}/sessions`, { query: { oauthTokens }, signal }),
      dryRun: () => ({ status: 204, headers: {}, body: undefined }),
    })
    return { 'Status Code': res.status }
  },
})
