import { appGroupCard } from '../lib/okta-app-group.ts'

export default appGroupCard(
  'okta.assignGroupToApplication',
  'Okta - Assign Group to Application',
  "Assigns a group to an application (`PUT /api/v1/apps/{appId}/groups/{groupId}`), so its members get the app; `Priority` orders it among the app's groups. Repeating it keeps one assignment.",
  'PUT',
  'okta:assignGroupToApplication',
  [{ title: 'assigns a group to an app', inputs: { 'App ID': '0oa1abcd', 'Group ID': '00g1abcd' } }],
)
