import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { oktaSend } from '../lib/okta-call.ts'

export default defineCard({
  type: 'okta.deleteGroup',
  title: 'Okta - Delete Group',
  description: 'Removes an Okta group (`DELETE /api/v1/groups/{groupId}`). Okta refuses to remove a group used in a group push mapping.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({ ID: Type.String({ minLength: 1, description: 'Group id (`00g…`).' }) }),
  outputs: Type.Object({ 'Status Code': Type.Integer() }),
  examples: [{ title: 'deletes a group', inputs: { ID: '00g1abcd' }, outputs: { 'Status Code': 204 } }],
  okta: { keys: ['okta:deleteGroup'], map: (v) => ({ inputs: { ID: v.input('ID') ?? v.input('id') ?? '' }, outputs: { statusCode: 'Status Code' } }) },
  async run(ctx, { ID }) {
    const res = await oktaSend(ctx, {
      method: 'DELETE',
      operation: 'DELETE /api/v1/groups/{groupId}',
      path: () => oktaPath`/api/v1/groups/${named('ID', ID)}`,
      request: { group: ID },
      // a second delete answers 404, it deletes nothing else
      idempotent: true,
      dryRun: () => ({ status: 204, body: undefined }),
    })
    return { 'Status Code': res.status }
  },
})
