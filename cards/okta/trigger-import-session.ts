import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { defined } from '../../importer/mapping.ts'
import { oktaSend } from '../lib/okta-call.ts'
import { exportedSourceId, SAMPLE_SESSION, SessionId, SourceId } from '../lib/okta-import.ts'
import { SESSION, sessionRecord } from '../lib/okta-records.ts'
import { SESSION_OUTPUTS } from './create-an-import-session.ts'

export default defineCard({
  type: 'okta.triggerImportSession',
  title: 'Okta - Trigger Import Session',
  description: 'Starts processing an import session after Bulk User Import (`POST /api/v1/identity-sources/{id}/sessions/{sessionId}/start-import`).',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({ ID: SourceId, 'Session ID': SessionId }),
  outputs: Type.Object({ Session: SESSION }),
  examples: [{ title: 'starts an import', inputs: { ID: '0oa1abcd', 'Session ID': 'aps1qqonvr2SZv6o70h8' } }],
  okta: { keys: ['okta:triggerImportSession'], map: (v) => ({ inputs: defined({ ID: exportedSourceId(v), 'Session ID': v.input('sessionId') }), outputs: SESSION_OUTPUTS }) },
  async run(ctx, i) {
    const res = await oktaSend(ctx, {
      method: 'POST',
      operation: 'POST /api/v1/identity-sources/{id}/sessions/{sessionId}/start-import',
      path: () => oktaPath`/api/v1/identity-sources/${named('ID', i.ID)}/sessions/${named('Session ID', i['Session ID'])}/start-import`,
      request: { identitySource: i.ID, session: i['Session ID'] },
      idempotent: false,
      dryRun: () => ({ status: 200, body: { ...SAMPLE_SESSION(i.ID), id: i['Session ID'], status: 'TRIGGERED' } }),
    })
    return { Session: sessionRecord(res.body) }
  },
})
