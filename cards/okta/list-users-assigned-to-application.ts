import { defined } from '../../importer/mapping.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { AppId, exportedAppId } from '../lib/okta-app-input.ts'
import { oktaListCard } from '../lib/okta-list-card.ts'
import { APP_USER_FIELDS, appUserRecord, sampleAppUser } from '../lib/okta-records.ts'
import { mapResultSet } from '../lib/okta-result-set.ts'

export default oktaListCard({
  type: 'okta.listUsersAssignedToApplication',
  title: 'Okta - List Users Assigned to Application',
  description:
    "The users assigned to an application, with their app profile and credentials (`GET /api/v1/apps/{appId}/users`), " +
    'page after page: the first 500 as `Users`, or each streamed to the helper flow `Flow`, up to Record Limit.',
  inputs: { 'App ID': AppId() },
  sets: ['First 500 Records', 'Stream Records'],
  defaultSet: 'First 500 Records',
  listName: 'Users',
  fields: APP_USER_FIELDS,
  record: appUserRecord,
  operation: 'GET /api/v1/apps/{appId}/users',
  path: (i) => oktaPath`/api/v1/apps/${named('App ID', i['App ID'])}/users`,
  query: () => ({}),
  sample: () => [sampleAppUser('00u0000000000000000')],
  okta: { keys: ['okta:listUsersAssignedToApplication'], map: (v) => ({ inputs: defined({ 'App ID': exportedAppId(v), ...mapResultSet(v) }) }) },
  examples: [{ title: "lists an application's users", inputs: { 'App ID': '0oa1abcd' } }],
})
