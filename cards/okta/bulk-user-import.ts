import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { defined } from '../../importer/mapping.ts'
import { objectOf, oktaSend, pathOf } from '../lib/okta-call.ts'
import { exportedOperation, exportedSourceId, Operation, SessionId, SourceId } from '../lib/okta-import.ts'

/** Okta's most users per session, and per request. */
const MAX_USERS = 10_000
const MAX_PER_PAGE = 200
/** Okta refuses a session fed in more requests than this. */
const MAX_REQUESTS = 50

/** A user as Okta's bulk requests take it: `{externalId, profile}`, from that shape or the card's own (`External ID`, `Profile`). */
function profileOf(u: unknown, index: number, withProfile: boolean, cardId: string): Record<string, unknown> {
  const user = objectOf(u)
  const externalId = user.externalId ?? user['External ID']
  if (typeof externalId !== 'string' || externalId === '') throw new CardFailedError(`Users[${index}] has no external ID (externalId or "External ID")`, cardId)
  return withProfile ? { externalId, profile: objectOf(user.profile ?? user.Profile) } : { externalId }
}

export default defineCard({
  type: 'okta.bulkUserImport',
  title: 'Okta - Bulk User Import',
  description:
    'Sends users to an open import session, `Users Per Page` per request (1 to 200): Create & Update ' +
    '(`…/bulk-upsert`, each with `externalId` and `profile`) or Deactivate & Delete (`…/bulk-delete`, external ids ' +
    'only). At most 10,000 users per session. Each request is safe to repeat: Okta keys users by external id.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({
    'Import Operation': Operation,
    ID: SourceId,
    'Session ID': SessionId,
    'Users Per Page': Type.Number({ default: 200, exclusiveMinimum: 0, maximum: MAX_PER_PAGE, description: 'Decimals are rounded up.' }),
    Users: Type.Array(Type.Unknown(), { maxItems: MAX_USERS, description: 'Users as `{externalId, profile}` (Map Profile Source Attributes gives them so) or `{External ID, Profile}`.' }),
  }),
  outputs: Type.Object({ 'Records Imported': Type.Integer() }),
  examples: [
    { title: 'imports two users in one request', inputs: { ID: '0oa1abcd', 'Session ID': 'aps1', Users: [{ externalId: 'e1', profile: { userName: 'ann@example.com' } }, { externalId: 'e2', profile: { userName: 'bob@example.com' } }] }, outputs: { 'Records Imported': 2 } },
    { title: 'refuses a user without an external id', inputs: { ID: '0oa1abcd', 'Session ID': 'aps1', Users: [{ profile: {} }] }, error: 'Users[0] has no external ID' },
  ],
  okta: { keys: ['okta:bulkUserImport'], map: (v) => ({ inputs: defined({ 'Import Operation': exportedOperation(v), ID: exportedSourceId(v), 'Session ID': v.input('sessionId'), Users: v.input('Users') }), outputs: { recordsImported: 'Records Imported' } }) },
  async run(ctx, i) {
    const upsert = i['Import Operation'] === 'Create & Update'
    const profiles = i.Users.map((u, n) => profileOf(u, n, upsert, ctx.cardId))
    const path = pathOf(ctx, () => oktaPath`/api/v1/identity-sources/${named('ID', i.ID)}/sessions/${named('Session ID', i['Session ID'])}/${upsert ? 'bulk-upsert' : 'bulk-delete'}`)
    const perPage = Math.ceil(i['Users Per Page'])
    if (Math.ceil(profiles.length / perPage) > MAX_REQUESTS) {
      throw new CardFailedError(`${profiles.length} users at ${perPage} per page would take more than ${MAX_REQUESTS} requests; raise "Users Per Page"`, ctx.cardId)
    }
    let imported = 0
    for (let start = 0; start < profiles.length; start += perPage) {
      const chunk = profiles.slice(start, start + perPage)
      await oktaSend(ctx, {
        method: 'POST',
        operation: `POST /api/v1/identity-sources/{id}/sessions/{sessionId}/${upsert ? 'bulk-upsert' : 'bulk-delete'}`,
        path: () => path,
        body: { entityType: 'USERS', profiles: chunk },
        request: { identitySource: i.ID, session: i['Session ID'], users: chunk.length, from: start },
        idempotent: true,
        dryRun: () => ({ status: 202, body: undefined }),
      })
      imported += chunk.length
    }
    return { 'Records Imported': imported }
  },
})
