import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { enc } from '../../connectors/okta/users.ts'
import { okta } from '../../connectors/okta/index.ts'
import { defined } from '../../importer/mapping.ts'

export default defineCard({
  type: 'okta.deactivateUser',
  title: 'Okta - Deactivate User',
  description: 'Deactivates the user (`POST /api/v1/users/{id}/lifecycle/deactivate`); `Send Email?` tells admins by email.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({
    'ID or Login': Type.String({ minLength: 1, description: 'User id (`00u…`) or login.' }),
    'Send Email?': Type.Optional(Type.Union([Type.Boolean(), Type.Literal('Yes'), Type.Literal('No')])),
  }),
  outputs: Type.Object({ 'Status Code': Type.Integer() }),
  examples: [
    { title: 'deactivates a user without telling admins', inputs: { 'ID or Login': 'ann@example.com', 'Send Email?': false }, outputs: { 'Status Code': 200 } },
  ],
  okta: { keys: ['okta:deactivateUser'], map: (v) => ({ inputs: defined({ 'ID or Login': v.input('id'), 'Send Email?': v.input('sendEmail') }), outputs: { statusCode: 'Status Code' } }) },
  async run(ctx, inputs) {
    const id = inputs['ID or Login']
    const email = inputs['Send Email?'] === true || inputs['Send Email?'] === 'Yes'
    const res = await ctx.call({
      connector: okta,
      operation: 'POST /api/v1/users/{id}/lifecycle/deactivate',
      request: { user: id, sendEmail: email },
      // Deactivating a deactivated user is an error, not a second deactivation: not retried blindly.
      idempotent: false,
      send: (client, signal) => client.exchange('POST', `/api/v1/users/${enc(id)}/lifecycle/deactivate`, { query: { sendEmail: String(email) }, signal }),
      dryRun: () => ({ status: 200, headers: {}, body: undefined }),
    })
    return { 'Status Code': res.status }
  },
})
