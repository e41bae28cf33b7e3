import { Type } from '@sinclair/typebox'
import { defined } from '../../importer/mapping.ts'
import { listCard, PAGE, quoted, STATUS } from '../lib/okta-list-users.ts'

export default listCard(
  'okta.listUsersWithSearch',
  'Okta - List Users with Search',
  'Users matching an Okta search expression: `Custom Search Criteria` (e.g. `profile.login sw "ann"`) and/or `status`.',
  Type.Object({ status: STATUS, 'Custom Search Criteria': Type.Optional(Type.String()), Limit: Type.Optional(Type.Integer({ minimum: 1, description: `At most ${PAGE} are read.` })), resultSet: Type.Optional(Type.String()) }),
  (i): Record<string, string> => {
    const parts = [i.status ? `status eq ${quoted(i.status)}` : '', typeof i['Custom Search Criteria'] === 'string' ? i['Custom Search Criteria'] : ''].filter(Boolean)
    return parts.length > 0 ? { search: parts.map((p) => (parts.length > 1 ? `(${p})` : p)).join(' and ') } : {}
  },
  {
    keys: ['okta:listUsersWithSearch'],
    map: (v) => ({
      inputs: defined({ status: v.input('status') || undefined, 'Custom Search Criteria': v.input('Custom Search Criteria') || undefined, Limit: v.input('Limit') || undefined, resultSet: v.input('resultSet') }),
    }),
  },
  [{ title: 'searches by login', inputs: { 'Custom Search Criteria': 'profile.login sw "ann"' } }],
)
