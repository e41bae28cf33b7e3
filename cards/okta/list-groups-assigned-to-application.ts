import { Type } from '@sinclair/typebox'
import { defined } from '../../importer/mapping.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { AppId, exportedAppId } from '../lib/okta-app-input.ts'
import { oktaListCard } from '../lib/okta-list-card.ts'
import { GROUP_ASSIGNMENT, groupAssignmentRecord } from '../lib/okta-records.ts'
import { LIST_SETS, mapResultSet } from '../lib/okta-result-set.ts'

export default oktaListCard({
  type: 'okta.listGroupsAssignedToApplication',
  title: 'Okta - List Groups Assigned to Application',
  description:
    "The groups assigned to an application (`GET /api/v1/apps/{appId}/groups`), page after page: the first 200 as " +
    '`Groups` (id, priority, app profile), or each streamed to the helper flow `Flow`, up to Record Limit.',
  inputs: { 'App ID': AppId() },
  sets: LIST_SETS,
  defaultSet: 'First 200 Records',
  listName: 'Groups',
  fields: Type.Partial(GROUP_ASSIGNMENT).properties,
  record: groupAssignmentRecord,
  operation: 'GET /api/v1/apps/{appId}/groups',
  path: (i) => oktaPath`/api/v1/apps/${named('App ID', i['App ID'])}/groups`,
  query: () => ({}),
  sample: () => [{ id: '00gDryRunGroup', priority: 0, lastUpdated: '2026-01-01T00:00:00.000Z', profile: {} }],
  okta: { keys: ['okta:listGroupsAssignedToApplication'], map: (v) => ({ inputs: defined({ 'App ID': exportedAppId(v), ...mapResultSet(v) }) }) },
  examples: [{ title: "lists an application's groups", inputs: { 'App ID': '0oa1abcd' } }],
})
