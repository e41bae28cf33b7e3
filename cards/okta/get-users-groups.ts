import { Type } from '@sinclair/typebox'
import { defined } from '../../importer/mapping.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { oktaListCard } from '../lib/okta-list-card.ts'
import { GROUP_FIELDS, groupRecord, sampleGroup } from '../lib/okta-records.ts'
import { LIST_SETS, mapResultSet } from '../lib/okta-result-set.ts'

export default oktaListCard({
  type: 'okta.getUsersGroups',
  title: 'Okta - Get Users Groups',
  description:
    "The groups a user belongs to (`GET /api/v1/users/{id}/groups`), page after page: the first 200 as `Groups`, or " +
    'every group streamed to the helper flow `Flow` (its `Record` input; `State` as its `State` input), up to Record Limit.',
  inputs: { ID: Type.String({ minLength: 1, description: 'User id.' }) },
  sets: LIST_SETS,
  defaultSet: 'First 200 Records',
  listName: 'Groups',
  fields: GROUP_FIELDS,
  record: groupRecord,
  operation: 'GET /api/v1/users/{id}/groups',
  path: (i) => oktaPath`/api/v1/users/${named('ID', i.ID)}/groups`,
  query: () => ({}),
  sample: () => [sampleGroup()],
  okta: { keys: ['okta:getUsersGroups'], map: (v) => ({ inputs: defined({ ID: v.input('ID'), ...mapResultSet(v) }) }) },
  examples: [{ title: "lists a user's groups", inputs: { ID: '00u1abcd' } }],
})
