import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { defined } from '../../importer/mapping.ts'
import { AppId, exportedAppId } from '../lib/okta-app-input.ts'
import { oktaSend } from '../lib/okta-call.ts'
import { APP_FIELDS, appRecord, sampleApp } from '../lib/okta-records.ts'

export default defineCard({
  type: 'okta.readApplication',
  title: 'Okta - Read Application',
  description: 'Reads an application by id (`GET /api/v1/apps/{appId}`): name, label, status, sign-on mode, settings and the rest. An unknown id fails with E0000007 (404).',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({ 'App ID': AppId() }),
  outputs: Type.Object(Type.Required(Type.Object(APP_FIELDS)).properties),
  examples: [{ title: 'reads an application', inputs: { 'App ID': '0oa1abcd' } }],
  okta: { keys: ['okta:readApplication'], map: (v) => ({ inputs: defined({ 'App ID': exportedAppId(v) }) }) },
  async run(ctx, i) {
    const res = await oktaSend(ctx, {
      method: 'GET',
      operation: 'GET /api/v1/apps/{appId}',
      path: () => oktaPath`/api/v1/apps/${named('App ID', i['App ID'])}`,
      request: { app: i['App ID'] },
      idempotent: true,
      dryRun: () => ({ status: 200, body: sampleApp(i['App ID']) }),
    })
    return appRecord(res.body)
  },
})
