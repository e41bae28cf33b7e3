import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { defined } from '../../importer/mapping.ts'
import { AppId, exportedAppId } from '../lib/okta-app-input.ts'
import { oktaSend } from '../lib/okta-call.ts'

export default defineCard({
  type: 'okta.removeUserFromApplication',
  title: 'Okta - Remove User from Application',
  description: "Unassigns a user from an application (`DELETE /api/v1/apps/{appId}/users/{userId}`); with `Send Email?` the admin gets a removal email. The app may deprovision the user's account.",
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({ 'App ID': AppId(), 'User ID': Type.String({ minLength: 1 }), 'Send Email?': Type.Boolean({ default: false }) }),
  outputs: Type.Object({ Status: Type.Integer({ description: 'The HTTP status Okta answered: 204.' }) }),
  examples: [{ title: 'unassigns a user', inputs: { 'App ID': '0oa1abcd', 'User ID': '00u1abcd' }, outputs: { Status: 204 } }],
  okta: { keys: ['okta:removeUserFromApplication'], map: (v) => ({ inputs: defined({ 'App ID': exportedAppId(v), 'User ID': v.input('userId') ?? v.input('User ID'), 'Send Email?': v.input('sendEmail') }), outputs: { status: 'Status' } }) },
  async run(ctx, i) {
    const res = await oktaSend(ctx, {
      method: 'DELETE',
      operation: 'DELETE /api/v1/apps/{appId}/users/{userId}',
      path: () => oktaPath`/api/v1/apps/${named('App ID', i['App ID'])}/users/${named('User ID', i['User ID'])}`,
      query: { sendEmail: String(i['Send Email?']) },
      request: { app: i['App ID'], user: i['User ID'], sendEmail: i['Send Email?'] },
      idempotent: true,
      dryRun: () => ({ status: 204, body: undefined }),
    })
    return { Status: res.status }
  },
})
