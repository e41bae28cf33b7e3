import { Type } from '@sinclair/typebox'
import { defined } from '../../importer/mapping.ts'
import { oktaListCard } from '../lib/okta-list-card.ts'
import { expression } from '../lib/okta-list-users.ts'
import { GROUP_FIELDS, groupRecord, sampleGroup } from '../lib/okta-records.ts'
import { mapResultSet, SEARCH_SETS } from '../lib/okta-result-set.ts'

const SEARCHED = { ID: 'id', Created: 'created', 'Last Updated': 'lastUpdated', 'Last Membership Updated': 'lastMembershipUpdated', Type: 'type', Name: 'profile.name', Description: 'profile.description' }
const KEYS: Record<string, string> = { id: 'ID', created: 'Created', lastUpdated: 'Last Updated', lastMembershipUpdated: 'Last Membership Updated', type: 'Type', 'profile.name': 'Name', 'profile.description': 'Description' }

export default oktaListCard({
  type: 'okta.searchGroups',
  title: 'Okta - Search Groups',
  description:
    'Groups whose properties equal the values given (`GET /api/v1/groups?search=…`), plus `Custom Search Criteria` in ' +
    'Okta\'s syntax (`profile.name sw "Sales"`). `Query` instead finds groups whose name starts with it (`q`, older ' +
    'exports). With nothing given, every group of the org.',
  inputs: {
    ...Object.fromEntries(Object.keys(SEARCHED).map((k) => [k, Type.Optional(Type.String())])),
    'Custom Search Criteria': Type.Optional(Type.String()),
    Query: Type.Optional(Type.String({ description: 'Name prefix (`q`); not combined with the other inputs.' })),
  },
  sets: SEARCH_SETS,
  defaultSet: 'First Matching Record',
  listName: 'Groups',
  fields: GROUP_FIELDS,
  record: groupRecord,
  operation: 'GET /api/v1/groups',
  path: () => '/api/v1/groups',
  query: (i): Record<string, string> => {
    if (typeof i.Query === 'string' && i.Query !== '') return { q: i.Query }
    const search = expression(i, SEARCHED, i['Custom Search Criteria'])
    return search ? { search } : {}
  },
  sample: () => [sampleGroup()],
  okta: {
    keys: ['okta:searchGroups'],
    map: (v) => {
      const given = Object.fromEntries(v.fields().flatMap((f) => (KEYS[f.key] && f.value !== undefined && f.value !== '' ? [[KEYS[f.key]!, f.value]] : [])))
      return { inputs: defined({ ...given, 'Custom Search Criteria': v.input('Custom Search Criteria') || undefined, Query: v.input('Query') || undefined, ...mapResultSet(v) }) }
    },
  },
  examples: [{ title: 'finds a group by name', inputs: { Name: 'Everyone' } }],
})
