import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { inGroup, mapped, yesNo } from '../../importer/mapping.ts'
import { oktaSend } from '../lib/okta-call.ts'
import { sampleUser, USER_PROPERTIES, userProperties } from '../lib/okta-records.ts'

export default defineCard({
  type: 'okta.updateUser',
  title: 'Okta - Update User',
  description:
    "Updates a user's profile. `Partial` (default) changes only the attributes given (`POST /api/v1/users/{id}`); " +
    '`Strict` replaces the whole profile (`PUT`), so attributes left out are cleared. With Partial, `Pass Empty ' +
    'Values?` (default true) clears an attribute given as empty text; false leaves it as it is.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({
    ID: Type.String({ minLength: 1, description: 'User id (`00u…`) or login.' }),
    'Update Semantics': Type.Union([Type.Literal('Partial'), Type.Literal('Strict')], { default: 'Partial' }),
    'Pass Empty Values?': Type.Boolean({ default: true }),
    Profile: Type.Record(Type.String(), Type.Unknown(), { description: 'Attribute name to new value, e.g. `{mobilePhone: …}`.' }),
  }),
  outputs: Type.Object(USER_PROPERTIES),
  examples: [{ title: 'changes one attribute', inputs: { ID: '00u1abcd', Profile: { mobilePhone: '+1 555 0100' } } }],
  okta: {
    keys: ['okta:updateUser'],
    map: (v) => {
      const profile = inGroup(v, 'Profile')
      const semantics = v.input('updateSemantics')
      return mapped({
        ID: v.input('ID'),
        'Update Semantics': semantics === 'PUT' ? 'Strict' : semantics === 'POST' ? 'Partial' : semantics,
        'Pass Empty Values?': yesNo(v.input('passEmptyValues')),
        Profile: profile,
      })
    },
  },
  async run(ctx, i) {
    const method = i['Update Semantics'] === 'Strict' ? 'PUT' : 'POST'
    const profile: Record<string, unknown> = method === 'PUT' ? i.Profile : {}
    if (method === 'POST') {
      for (const [k, v] of Object.entries(i.Profile)) {
        if (v !== '' && v !== null) profile[k] = v
        else if (i['Pass Empty Values?']) profile[k] = null
      }
    }
    const res = await oktaSend(ctx, {
      method,
      operation: `${method} /api/v1/users/{id}`,
      path: () => oktaPath`/api/v1/users/${named('ID', i.ID)}`,
      body: { profile },
      request: { user: i.ID, profile },
      // the same values set again give the same user
      idempotent: true,
      dryRun: () => ({ status: 200, body: sampleUser(i.ID, profile) }),
    })
    return userProperties(res.body)
  },
})
