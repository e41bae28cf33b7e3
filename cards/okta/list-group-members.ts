import { Type } from '@sinclair/typebox'
import { defined } from '../../importer/mapping.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { oktaListCard } from '../lib/okta-list-card.ts'
import { userList } from '../lib/okta-list-users.ts'
import { LIST_SETS, mapResultSet } from '../lib/okta-result-set.ts'

export default oktaListCard({
  type: 'okta.listGroupMembers',
  title: 'Okta - List Group Members',
  description:
    'The users of a group (`GET /api/v1/groups/{groupId}/users`), page after page: the first 200 as `Users`, or every ' +
    'member streamed to the helper flow `Flow`, up to Record Limit.',
  inputs: { 'Group ID': Type.String({ minLength: 1, description: 'Group id (`00g…`).' }) },
  sets: LIST_SETS,
  defaultSet: 'First 200 Records',
  ...userList,
  operation: 'GET /api/v1/groups/{groupId}/users',
  path: (i) => oktaPath`/api/v1/groups/${named('Group ID', i['Group ID'])}/users`,
  query: () => ({}),
  okta: { keys: ['okta:listGroupMembers'], map: (v) => ({ inputs: defined({ 'Group ID': v.input('groupId') ?? v.input('Group ID'), ...mapResultSet(v) }) }) },
  examples: [{ title: "lists a group's members", inputs: { 'Group ID': '00g1abcd' } }],
})
