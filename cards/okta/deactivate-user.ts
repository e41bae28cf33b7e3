import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { enc } from './users.ts'

export default defineCard({
  type: 'okta.deactivateUser',
  title: 'Okta - Deactivate User',
  description: 'Deactivates the user (`POST /api/v1/users/{id}/lifecycle/deactivate`); `sendEmail` tells admins by email.',
  kind: 'connector',
  connector: 'okta',
  inputs: Type.Object({ id: Type.String({ minLength: 1 }), sendEmail: Type.Optional(Type.Union([Type.Boolean(), Type.Literal('Yes'), Type.Literal('No')])) }),
  outputs: Type.Object({ statusCode: Type.Integer() }),
  async run(ctx, { id, sendEmail }) {
    const email = sendEmail === true || sendEmail === 'Yes'
    await ctx.call({
      connector: 'okta',
      operation: 'POST /api/v1/users/{id}/lifecycle/deactivate',
      request: { user: id, sendEmail: email },
      // Deactivating a deactivated user is an error, not a second deactivation: not retried blindly.
      idempotent: false,
      send: (client, signal) => client.request('POST', `/api/v1/users/${enc(id)}/lifecycle/deactivate`, { query: { sendEmail: String(email) }, signal }),
      dryRun: () => null,
    })
    return { statusCode: 200 }
  },
})
