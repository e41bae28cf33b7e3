import { appGroupCard } from '../lib/okta-app-group.ts'

export default appGroupCard(
  'okta.readAssignedGroupForApplication',
  'Okta - Read Assigned Group for Application',
  "Reads a group's assignment to an application (`GET /api/v1/apps/{appId}/groups/{groupId}`): priority and app profile. A group that is not assigned fails with E0000007 (404).",
  'GET',
  'okta:readAssignedGroupForApplication',
  [{ title: "reads a group's assignment", inputs: { 'App ID': '0oa1abcd', 'Group ID': '00g1abcd' } }],
)
