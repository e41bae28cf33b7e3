import { Type } from '@sinclair/typebox'
import { defined, nonEmpty } from '../../importer/mapping.ts'
import { oktaListCard } from '../lib/okta-list-card.ts'
import { expression, Status, userList } from '../lib/okta-list-users.ts'
import { mapResultSet, SEARCH_SETS } from '../lib/okta-result-set.ts'

const SYSTEM = { Status: 'status', ID: 'id', Created: 'created', Activated: 'activated', 'Status Changed': 'statusChanged', 'Last Updated': 'lastUpdated' }
const KEYS: Record<string, string> = { status: 'Status', id: 'ID', created: 'Created', activated: 'Activated', statusChanged: 'Status Changed', lastUpdated: 'Last Updated' }

export default oktaListCard({
  type: 'okta.listUsersWithSearch',
  title: 'Okta - List Users with Search',
  description:
    'Users whose properties equal the values given, any profile attribute included (`GET /api/v1/users?search=…`), ' +
    'plus `Custom Search Criteria` in Okta\'s search syntax (`profile.department eq "Sales" and status eq "ACTIVE"`). ' +
    "Okta's search index is eventually consistent: a user changed a moment ago may not match yet.",
  inputs: {
    Status,
    ...Object.fromEntries(Object.keys(SYSTEM).slice(1).map((k) => [k, Type.Optional(Type.String())])),
    Profile: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Profile attribute to value, e.g. `{department: Sales}`: each compared with `eq`.' })),
    'Custom Search Criteria': Type.Optional(Type.String({ description: 'Okta search expression, joined with `and`.' })),
    'Sort By': Type.Optional(Type.String({ description: 'A property such as `profile.lastName` or `created`.' })),
    'Sort Order': Type.Optional(Type.Union([Type.Literal('ASC'), Type.Literal('DESC')])),
  },
  sets: SEARCH_SETS,
  defaultSet: 'First 200 Matching Records',
  ...userList,
  path: () => '/api/v1/users',
  query: (i) => {
    const profile = (i.Profile ?? {}) as Record<string, unknown>
    const attributes = { ...SYSTEM, ...Object.fromEntries(Object.keys(profile).map((k) => [`profile.${k}`, `profile.${k}`])) }
    const values = { ...i, ...Object.fromEntries(Object.entries(profile).map(([k, v]) => [`profile.${k}`, v])) }
    const search = expression(values, attributes, i['Custom Search Criteria'])
    const sortBy = i['Sort By']
    return defined({ search, sortBy, sortOrder: sortBy && typeof i['Sort Order'] === 'string' ? i['Sort Order'].toLowerCase() : undefined }) as Record<string, string>
  },
  okta: {
    keys: ['okta:listUsersWithSearch'],
    map: (v) => {
      const system: Record<string, unknown> = {}
      const profile: Record<string, unknown> = {}
      for (const f of v.fields()) {
        if (f.group !== 'Inputs' || f.value === undefined || f.value === '' || f.key === 'Custom Search Criteria') continue
        if (KEYS[f.key]) system[KEYS[f.key]!] = f.value
        else profile[f.key.replace(/^profile\./, '')] = f.value
      }
      return {
        inputs: defined({
          ...system,
          Profile: nonEmpty(profile),
          'Custom Search Criteria': v.input('Custom Search Criteria') || undefined,
          'Sort By': v.input('sortBy') || undefined,
          'Sort Order': v.input('sortOrder') || undefined,
          ...mapResultSet(v),
        }),
      }
    },
  },
  examples: [{ title: 'searches by department', inputs: { Profile: { department: 'Sales' }, 'Custom Search Criteria': 'profile.login sw "ann"' } }],
})
