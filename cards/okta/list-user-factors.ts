import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { objectOf, oktaSend, textOrNull } from '../lib/okta-call.ts'

const Text = Type.Union([Type.String(), Type.Null()])

export default defineCard({
  type: 'okta.listUserFactors',
  title: 'Okta - List User Factors',
  description:
    "The MFA factors a user has enrolled (`GET /api/v1/users/{id}/factors`): type, provider, status. Okta Workflows " +
    "has no card for this (its flows use Custom API Action or the Okta Devices connector); cardflow's own card encodes the id.",
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({ 'ID or Login': Type.String({ minLength: 1, description: 'User id (`00u…`) or login.' }) }),
  outputs: Type.Object({
    Factors: Type.Array(Type.Object({ ID: Text, 'Factor Type': Text, Provider: Text, Status: Text, Created: Text, 'Last Updated': Text, Profile: Type.Unknown() })),
  }),
  examples: [{ title: "lists a user's factors", inputs: { 'ID or Login': '00u1abcd' } }],
  async run(ctx, i) {
    const res = await oktaSend(ctx, {
      method: 'GET',
      operation: 'GET /api/v1/users/{id}/factors',
      path: () => oktaPath`/api/v1/users/${named('ID or Login', i['ID or Login'])}/factors`,
      request: { user: i['ID or Login'] },
      idempotent: true,
      dryRun: () => ({ status: 200, body: [{ id: 'mbl1nz9JHJGHWRKMTLHP', factorType: 'push', provider: 'OKTA', status: 'ACTIVE', profile: {} }] }),
    })
    const factors = (Array.isArray(res.body) ? res.body : []).map((f) => {
      const factor = objectOf(f)
      return { ID: textOrNull(factor.id), 'Factor Type': textOrNull(factor.factorType), Provider: textOrNull(factor.provider), Status: textOrNull(factor.status), Created: textOrNull(factor.created), 'Last Updated': textOrNull(factor.lastUpdated), Profile: objectOf(factor.profile) }
    })
    return { Factors: factors }
  },
})
