import { Type } from '@sinclair/typebox'
import { defined } from '../../importer/mapping.ts'
import { oktaListCard } from '../lib/okta-list-card.ts'
import { expression, Status, userList } from '../lib/okta-list-users.ts'
import { mapResultSet, SEARCH_SETS } from '../lib/okta-result-set.ts'

/** The seven properties Okta's `filter` takes, by the card's input names. */
const FILTERED = { Status: 'status', 'Last Updated': 'lastUpdated', ID: 'id', Login: 'profile.login', Email: 'profile.email', 'First Name': 'profile.firstName', 'Last Name': 'profile.lastName' }

export default oktaListCard({
  type: 'okta.listUsersWithFilter',
  title: 'Okta - List Users with Filter',
  description:
    'Users whose status or core attributes equal the values given (`GET /api/v1/users?filter=…`, case-sensitive, ' +
    'always up to date), plus a `Custom Filter` in Okta\'s filter syntax (e.g. `lastUpdated gt "2026-01-01T00:00:00.000Z"`). ' +
    'Values are quoted and escaped; pages are followed until the Result Set is satisfied.',
  inputs: {
    Status,
    ...Object.fromEntries(Object.keys(FILTERED).slice(1).map((k) => [k, Type.Optional(Type.String())])),
    'Custom Filter': Type.Optional(Type.String({ description: 'Okta filter expression, joined with `and`.' })),
  },
  sets: SEARCH_SETS,
  defaultSet: 'First 200 Matching Records',
  ...userList,
  path: () => '/api/v1/users',
  query: (i): Record<string, string> => {
    const filter = expression(i, FILTERED, i['Custom Filter'])
    return filter ? { filter } : {}
  },
  okta: {
    keys: ['okta:listUsersWithFilter'],
    map: (v) => ({
      inputs: defined({
        Status: v.input('status') || undefined,
        'Last Updated': v.input('lastUpdated') || undefined,
        ID: v.input('id') || undefined,
        Login: v.input('login') || undefined,
        Email: v.input('email') || undefined,
        'First Name': v.input('firstName') || undefined,
        'Last Name': v.input('lastName') || undefined,
        'Custom Filter': v.input('Custom Filter') || undefined,
        ...mapResultSet(v),
      }),
    }),
  },
  examples: [{ title: 'lists suspended users', inputs: { Status: 'SUSPENDED' } }],
})
