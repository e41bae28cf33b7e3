import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { defined } from '../../importer/mapping.ts'
import { oktaSend } from '../lib/okta-call.ts'
import { GROUP_INPUTS, GROUP_OUTPUTS, groupOutputs, groupProfile } from '../lib/okta-group.ts'
import { sampleGroup } from '../lib/okta-records.ts'

export default defineCard({
  type: 'okta.createGroup',
  title: 'Okta - Create Group',
  description: 'Creates an Okta group (`POST /api/v1/groups`) with a name (unique in the org), a description and custom profile attributes. Not retried after a 5xx: it could create the group twice.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object(GROUP_INPUTS),
  outputs: Type.Object(GROUP_OUTPUTS),
  examples: [{ title: 'creates a group', inputs: { Name: 'Sales', Description: 'Sales team' } }],
  okta: { keys: ['okta:createGroup'], map: (v) => ({ inputs: defined({ Name: v.input('name') ?? v.input('Name'), Description: v.input('description') ?? v.input('Description') }) }) },
  async run(ctx, i) {
    const profile = groupProfile(i)
    const res = await oktaSend(ctx, {
      method: 'POST',
      operation: 'POST /api/v1/groups',
      path: () => '/api/v1/groups',
      body: { profile },
      request: { profile },
      idempotent: false,
      dryRun: () => ({ status: 200, body: { ...sampleGroup('00gDryRunNewGroup', i.Name), profile } }),
    })
    return groupOutputs(res.body)
  },
})
