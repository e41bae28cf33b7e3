import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { defined } from '../../importer/mapping.ts'
import { oktaSend } from '../lib/okta-call.ts'
import { GROUP_INPUTS, GROUP_OUTPUTS, groupOutputs, groupProfile } from '../lib/okta-group.ts'
import { sampleGroup } from '../lib/okta-records.ts'

export default defineCard({
  type: 'okta.updateGroup',
  title: 'Okta - Update Group',
  description:
    "Replaces a group's profile (`PUT /api/v1/groups/{groupId}`): as in Okta, a description or custom property left " +
    'out is cleared, so give every value the group should keep.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({ ID: Type.String({ minLength: 1, description: 'Group id (`00g…`).' }), ...GROUP_INPUTS }),
  outputs: Type.Object(GROUP_OUTPUTS),
  examples: [{ title: "renames a group", inputs: { ID: '00g1abcd', Name: 'Sales EMEA', Description: 'Sales, Europe' } }],
  okta: { keys: ['okta:updateGroup'], map: (v) => ({ inputs: defined({ ID: v.input('ID') ?? v.input('id'), Name: v.input('name') ?? v.input('Name'), Description: v.input('description') ?? v.input('Description') }) }) },
  async run(ctx, i) {
    const profile = groupProfile(i)
    const res = await oktaSend(ctx, {
      method: 'PUT',
      operation: 'PUT /api/v1/groups/{groupId}',
      path: () => oktaPath`/api/v1/groups/${named('ID', i.ID)}`,
      body: { profile },
      request: { group: i.ID, profile },
      idempotent: true,
      dryRun: () => ({ status: 200, body: { ...sampleGroup(i.ID), profile } }),
    })
    return groupOutputs(res.body)
  },
})
