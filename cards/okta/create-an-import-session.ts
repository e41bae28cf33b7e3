import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { defined } from '../../importer/mapping.ts'
import { oktaSend } from '../lib/okta-call.ts'
import { exportedSourceId, SAMPLE_SESSION, SourceId } from '../lib/okta-import.ts'
import { SESSION, sessionRecord } from '../lib/okta-records.ts'

export const SESSION_OUTPUTS = { id: ['Session', 'ID'], identitySourceId: ['Session', 'Application ID'], status: ['Session', 'Status'], importType: ['Session', 'Import Type'] }

export default defineCard({
  type: 'okta.createAnImportSession',
  title: 'Okta - Create an Import Session',
  description:
    'Opens an import session for an Anything-as-a-Source identity source (`POST /api/v1/identity-sources/{id}/sessions`); ' +
    'its `Session.ID` goes to Bulk User Import and Trigger Import Session. Okta allows one new session per source every 5 minutes.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({ ID: SourceId }),
  outputs: Type.Object({ Session: SESSION }),
  examples: [{ title: 'opens a session', inputs: { ID: '0oa1abcd' }, outputs: { Session: { ID: 'aps1qqonvr2SZv6o70h8', 'Application ID': '0oa1abcd', Status: 'CREATED', 'Import Type': 'INCREMENTAL' } } }],
  okta: { keys: ['okta:createAnImportSession'], map: (v) => ({ inputs: defined({ ID: exportedSourceId(v) }), outputs: SESSION_OUTPUTS }) },
  async run(ctx, { ID }) {
    const res = await oktaSend(ctx, {
      method: 'POST',
      operation: 'POST /api/v1/identity-sources/{id}/sessions',
      path: () => oktaPath`/api/v1/identity-sources/${named('ID', ID)}/sessions`,
      request: { identitySource: ID },
      idempotent: false,
      dryRun: () => ({ status: 200, body: SAMPLE_SESSION(ID) }),
    })
    return { Session: sessionRecord(res.body) }
  },
})
