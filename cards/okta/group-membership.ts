/** Add User to Group and Remove User from Group: the same request with PUT or DELETE. */
import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { enc } from './users.ts'

export function groupMembershipCard(type: string, title: string, method: 'PUT' | 'DELETE', verb: string) {
  return defineCard({
    type,
    title,
    description: `${verb} (\`${method} /api/v1/groups/{groupId}/users/{userId}\`). Okta answers 204; doing it twice is harmless.`,
    kind: 'connector',
    connector: 'okta',
    inputs: Type.Object({
      'User ID': Type.String({ minLength: 1, description: 'User id (`00u…`).' }),
      'Group ID': Type.String({ minLength: 1, description: 'Group id (`00g…`).' }),
    }),
    outputs: Type.Object({ status: Type.String() }),
    async run(ctx, inputs) {
      const user = inputs['User ID']
      const group = inputs['Group ID']
      await ctx.call({
        connector: 'okta',
        operation: `${method} /api/v1/groups/{groupId}/users/{userId}`,
        request: { group, user },
        idempotent: true,
        send: (client, signal) => client.request(method, `/api/v1/groups/${enc(group)}/users/${enc(user)}`, { signal }),
        dryRun: () => null,
      })
      return { status: 'success' }
    },
  })
}
