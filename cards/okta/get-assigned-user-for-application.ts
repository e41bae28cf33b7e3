import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { defined } from '../../importer/mapping.ts'
import { AppId, exportedAppId } from '../lib/okta-app-input.ts'
import { oktaSend } from '../lib/okta-call.ts'
import { APP_USER_FIELDS, appUserRecord, sampleAppUser } from '../lib/okta-records.ts'

export default defineCard({
  type: 'okta.getAssignedUserForApplication',
  title: 'Okta - Get Assigned User for Application',
  description: "A user's assignment to an application: app profile, credentials, sync state (`GET /api/v1/apps/{appId}/users/{userId}`). A user who is not assigned fails with E0000007 (404).",
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({ 'App ID': AppId(), 'User ID': Type.String({ minLength: 1 }) }),
  outputs: Type.Object(Type.Required(Type.Object(APP_USER_FIELDS)).properties),
  examples: [{ title: "reads a user's assignment", inputs: { 'App ID': '0oa1abcd', 'User ID': '00u1abcd' } }],
  okta: { keys: ['okta:getAssignedUserForApplication'], map: (v) => ({ inputs: defined({ 'App ID': exportedAppId(v), 'User ID': v.input('userId') ?? v.input('User ID') }) }) },
  async run(ctx, i) {
    const res = await oktaSend(ctx, {
      method: 'GET',
      operation: 'GET /api/v1/apps/{appId}/users/{userId}',
      path: () => oktaPath`/api/v1/apps/${named('App ID', i['App ID'])}/users/${named('User ID', i['User ID'])}`,
      request: { app: i['App ID'], user: i['User ID'] },
      idempotent: true,
      dryRun: () => ({ status: 200, body: sampleAppUser(i['User ID']) }),
    })
    return appUserRecord(res.body)
  },
})
