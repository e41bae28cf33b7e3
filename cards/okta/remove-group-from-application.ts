import { removeGroupCard } from '../lib/okta-app-group.ts'

export default removeGroupCard(
  'okta.removeGroupFromApplication',
  'Okta - Remove Group from Application',
  'Removes a group assignment from an application (`DELETE /api/v1/apps/{appId}/groups/{groupId}`); members keep the app only through other assignments.',
  'okta:removeGroupFromApplication',
  [{ title: "removes a group's assignment", inputs: { 'App ID': '0oa1abcd', 'Group ID': '00g1abcd' }, outputs: { Status: 204 } }],
)
