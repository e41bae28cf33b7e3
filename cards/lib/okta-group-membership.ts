/** Add User to Group and Remove User from Group: the same request with PUT or DELETE. */
import { Type } from '@sinclair/typebox'
import { type CardExample, defineCard } from '../../engine/card.ts'
import type { ExportMapping } from '../../engine/export-mapping.ts'
import { defined } from '../../importer/mapping.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { oktaSend } from './okta-call.ts'

/** Okta's membership cards name both ids `id`, one in the User group, one in the Group group. */
export function membershipMapping(key: string): ExportMapping {
  return {
    keys: [key],
    map: (v) => {
      const byGroup = (g: string) => v.fields().find((f) => f.key === 'id' && f.group === g)?.value
      return { inputs: defined({ 'User ID': byGroup('User'), 'Group ID': byGroup('Group') }), outputs: { status: 'Status' } }
    },
  }
}

export function groupMembershipCard(type: string, title: string, method: 'PUT' | 'DELETE', verb: string, mapping: ExportMapping, examples: CardExample[]) {
  return defineCard({
    type,
    title,
    description: `${verb} (\`${method} /api/v1/groups/{groupId}/users/{userId}\`), for groups of type OKTA_GROUP. Okta answers 204; doing it twice is harmless.`,
    kind: 'connector',
    connector: okta,
    inputs: Type.Object({
      'User ID': Type.String({ minLength: 1, description: 'User id (`00u…`).' }),
      'Group ID': Type.String({ minLength: 1, description: 'Group id (`00g…`).' }),
    }),
    outputs: Type.Object({ Status: Type.Integer({ description: 'The HTTP status Okta answered: 204.' }) }),
    okta: mapping,
    examples,
    async run(ctx, inputs) {
      const user = inputs['User ID']
      const group = inputs['Group ID']
      const res = await oktaSend(ctx, {
        method,
        operation: `${method} /api/v1/groups/{groupId}/users/{userId}`,
        path: () => oktaPath`/api/v1/groups/${named('Group ID', group)}/users/${named('User ID', user)}`,
        request: { group, user },
        idempotent: true,
        dryRun: () => ({ status: 204, body: undefined }),
      })
      return { Status: res.status }
    },
  })
}
