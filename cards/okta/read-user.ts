import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { oktaSend } from '../lib/okta-call.ts'
import { PROFILE_DISPLAY_NAMES, sampleUser, USER_PROPERTIES, userProperties } from '../lib/okta-records.ts'

const SYSTEM_PROPERTIES = new Set(['ID', 'Status', 'Created', 'Activated', 'Status Changed', 'Last Login', 'Last Updated', 'Password Changed', 'Credentials'])

/** An exported Read User's outputs: system properties keep their names, profile attributes their display names or a path into Profile. */
export function userOutputNames(keys: string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const k of keys) if (!SYSTEM_PROPERTIES.has(k)) out[k] = PROFILE_DISPLAY_NAMES[k] ?? ['Profile', k]
  return out
}

export default defineCard({
  type: 'okta.readUser',
  title: 'Okta - Read User',
  description:
    "Reads an Okta user's system and profile properties by ID or login (`GET /api/v1/users/{id}`). The base " +
    'profile attributes come under their Okta names (Username, First name, …); every attribute, custom ones ' +
    'included, is in `Profile` (`{{user.Profile.department}}`). An unknown user fails with E0000007 (404).',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({
    'ID or Login': Type.String({ minLength: 1, description: 'User id (`00u…`), login or login shortname.' }),
  }),
  outputs: Type.Object(USER_PROPERTIES),
  examples: [{ title: 'reads a user by login', inputs: { 'ID or Login': 'ann@example.com' } }],
  okta: { keys: ['okta:readUser'], map: (v) => ({ inputs: { 'ID or Login': v.input('ID or Login') ?? '' }, outputs: userOutputNames(v.outputKeys()) }) },
  async run(ctx, inputs) {
    const id = inputs['ID or Login']
    const res = await oktaSend(ctx, {
      method: 'GET',
      operation: 'GET /api/v1/users/{id}',
      path: () => oktaPath`/api/v1/users/${named('ID or Login', id)}`,
      request: { user: id },
      idempotent: true,
      dryRun: () => ({ status: 200, body: sampleUser(id, {}, ctx.now().toISOString()) }),
    })
    return userProperties(res.body)
  },
})
