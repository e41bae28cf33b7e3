import { Type } from '@sinclair/typebox'
import { sameKeys } from '../../importer/mapping.ts'
import { userActionCard } from '../lib/okta-user-action.ts'

export default userActionCard({
  type: 'okta.clearUserSessions',
  title: 'Okta - Clear User Sessions',
  description:
    "Ends all of the user's Okta sessions (`DELETE /api/v1/users/{id}/sessions`), so they sign in again at the next " +
    'request; with `Revoke oauthTokens?` their OAuth and OpenID Connect tokens are revoked too. Safe to repeat.',
  method: 'DELETE',
  suffix: '/sessions',
  idInput: 'ID',
  options: { 'Revoke oauthTokens?': Type.Boolean({ default: false }) },
  query: (i) => ({ oauthTokens: String(i['Revoke oauthTokens?'] === true) }),
  idempotent: true,
  okta: { keys: ['okta:clearUserSessions'], map: sameKeys(['ID', 'Revoke oauthTokens?']) },
  examples: [{ title: "ends a user's sessions and revokes their OAuth tokens", inputs: { ID: '00u1abcd', 'Revoke oauthTokens?': true }, outputs: { 'Status Code': 204 } }],
})
