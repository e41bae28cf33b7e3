import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { oktaSend } from '../lib/okta-call.ts'
import { GROUP_OUTPUTS, groupOutputs } from '../lib/okta-group.ts'
import { sampleGroup } from '../lib/okta-records.ts'

export default defineCard({
  type: 'okta.readGroup',
  title: 'Okta - Read Group',
  description: "Reads an Okta group by id (`GET /api/v1/groups/{groupId}`): its properties, `Profile` (Name, Description) and custom properties. An unknown group fails with E0000007 (404).",
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({ ID: Type.String({ minLength: 1, description: 'Group id (`00g…`).' }) }),
  outputs: Type.Object(GROUP_OUTPUTS),
  examples: [{ title: 'reads a group', inputs: { ID: '00g1abcd' } }],
  okta: { keys: ['okta:readGroup'], map: (v) => ({ inputs: { ID: v.input('ID') ?? v.input('id') ?? '' }, outputs: { name: ['Profile', 'Name'], description: ['Profile', 'Description'] } }) },
  async run(ctx, { ID }) {
    const res = await oktaSend(ctx, {
      method: 'GET',
      operation: 'GET /api/v1/groups/{groupId}',
      path: () => oktaPath`/api/v1/groups/${named('ID', ID)}`,
      request: { group: ID },
      idempotent: true,
      dryRun: () => ({ status: 200, body: sampleGroup(ID.startsWith('00g') ? ID : undefined) }),
    })
    return groupOutputs(res.body)
  },
})
