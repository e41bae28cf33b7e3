import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { defined } from '../../importer/mapping.ts'
import { oktaSend } from '../lib/okta-call.ts'
import { exportedSourceId, SAMPLE_SESSION, SourceId } from '../lib/okta-import.ts'
import { SESSION, sessionRecord } from '../lib/okta-records.ts'

export default defineCard({
  type: 'okta.listImportSessions',
  title: 'Okta - List Import Sessions',
  description: 'The import sessions of an identity source that are not finished yet (`GET /api/v1/identity-sources/{id}/sessions`), as `Sessions`.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({ ID: SourceId }),
  outputs: Type.Object({ Sessions: Type.Array(SESSION) }),
  examples: [{ title: "lists a source's sessions", inputs: { ID: '0oa1abcd' } }],
  okta: { keys: ['okta:listImportSessions'], map: (v) => ({ inputs: defined({ ID: exportedSourceId(v) }) }) },
  async run(ctx, { ID }) {
    const res = await oktaSend(ctx, {
      method: 'GET',
      operation: 'GET /api/v1/identity-sources/{id}/sessions',
      path: () => oktaPath`/api/v1/identity-sources/${named('ID', ID)}/sessions`,
      request: { identitySource: ID },
      idempotent: true,
      dryRun: () => ({ status: 200, body: [SAMPLE_SESSION(ID)] }),
    })
    return { Sessions: (Array.isArray(res.body) ? res.body : []).map(sessionRecord) }
  },
})
