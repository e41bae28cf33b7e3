import { Type } from '@sinclair/typebox'
import { defined } from '../../importer/mapping.ts'
import { oktaListCard } from '../lib/okta-list-card.ts'
import { APP_FIELDS, appRecord, sampleApp } from '../lib/okta-records.ts'
import { mapResultSet, SEARCH_SETS } from '../lib/okta-result-set.ts'

export default oktaListCard({
  type: 'okta.searchApplications',
  title: 'Okta - Search Applications',
  description:
    'Applications whose name or label starts with `Query` (`GET /api/v1/apps?q=…`); with no query, every application ' +
    'of the org, page after page, as the Result Set asks.',
  inputs: { Query: Type.Optional(Type.String({ description: 'e.g. `bamboo`.' })) },
  sets: SEARCH_SETS,
  defaultSet: 'First 200 Matching Records',
  listName: 'Applications',
  fields: APP_FIELDS,
  record: appRecord,
  operation: 'GET /api/v1/apps',
  path: () => '/api/v1/apps',
  query: (i): Record<string, string> => (typeof i.Query === 'string' && i.Query !== '' ? { q: i.Query } : {}),
  sample: () => [sampleApp()],
  okta: { keys: ['okta:searchApplications'], map: (v) => ({ inputs: defined({ Query: v.input('Query') || undefined, ...mapResultSet(v) }) }) },
  examples: [{ title: 'finds applications by label', inputs: { Query: 'Salesforce' } }],
})
