import { Type } from '@sinclair/typebox'
import { defined } from '../../importer/mapping.ts'
import { oktaListCard } from '../lib/okta-list-card.ts'
import { quoted } from '../lib/okta-list-users.ts'
import { APP_FIELDS, appRecord, sampleApp } from '../lib/okta-records.ts'
import { LIST_SETS, mapResultSet } from '../lib/okta-result-set.ts'

export default oktaListCard({
  type: 'okta.listApplicationsAssignedToUser',
  title: 'Okta - List Applications Assigned to User',
  description:
    'The applications assigned to a user (`GET /api/v1/apps?filter=user.id eq "…"`), page after page: the first 200 ' +
    'as `Applications`, or each streamed to the helper flow `Flow`, up to Record Limit.',
  inputs: { ID: Type.String({ minLength: 1, description: 'User id.' }) },
  sets: LIST_SETS,
  defaultSet: 'First 200 Records',
  listName: 'Applications',
  fields: APP_FIELDS,
  record: appRecord,
  operation: 'GET /api/v1/apps',
  path: () => '/api/v1/apps',
  query: (i) => ({ filter: `user.id eq ${quoted(i.ID)}` }),
  sample: () => [sampleApp()],
  okta: { keys: ['okta:listApplicationsAssignedToUser'], map: (v) => ({ inputs: defined({ ID: v.input('ID') ?? v.input('id'), ...mapResultSet(v) }) }) },
  examples: [{ title: "lists a user's applications", inputs: { ID: '00u1abcd' } }],
})
