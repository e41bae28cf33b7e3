import { Type } from '@sinclair/typebox'
import { defined } from '../../importer/mapping.ts'
import { listCard, quoted, STATUS } from '../lib/okta-list-users.ts'

export default listCard(
  'okta.listUsersWithFilter',
  'Okta - List Users with Filter',
  'Users matching `status` (`filter=status eq "…"`).',
  Type.Object({ status: STATUS, resultSet: Type.Optional(Type.String()) }),
  (i): Record<string, string> => (i.status ? { filter: `status eq ${quoted(i.status)}` } : {}),
  { keys: ['okta:listUsersWithFilter'], map: (v) => ({ inputs: defined({ status: v.input('status') || undefined, resultSet: v.input('resultSet') }) }) },
  [{ title: 'lists suspended users', inputs: { status: 'SUSPENDED' } }],
)
