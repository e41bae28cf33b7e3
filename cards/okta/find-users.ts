import { Type } from '@sinclair/typebox'
import { defined } from '../../importer/mapping.ts'
import { oktaListCard } from '../lib/okta-list-card.ts'
import { userList } from '../lib/okta-list-users.ts'
import { mapResultSet } from '../lib/okta-result-set.ts'

export default oktaListCard({
  type: 'okta.findUsers',
  title: 'Okta - Find Users',
  description:
    'Users whose first name, last name or email starts with `Query` (`GET /api/v1/users?q=…`). Okta does not page ' +
    'this search and leaves out deactivated users; an empty query matches anyone. For more, use List Users with Search.',
  inputs: { Query: Type.String({ description: 'e.g. `Bob`, `Ross` or `bob.ross@example.com`.' }) },
  sets: ['First Matching Record', 'First 200 Matching Records', 'All Matching Records'],
  defaultSet: 'First Matching Record',
  ...userList,
  path: () => '/api/v1/users',
  query: (i) => ({ q: String(i.Query ?? '') }),
  okta: { keys: ['okta:searchUsers'], map: (v) => ({ inputs: defined({ Query: v.input('Query') ?? '', ...mapResultSet(v) }) }) },
  examples: [{ title: 'finds users by name', inputs: { Query: 'Ann', 'Result Set': 'First 200 Matching Records' } }],
})
