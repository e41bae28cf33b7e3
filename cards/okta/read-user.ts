import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'

const Text = (description: string) => Type.Union([Type.String(), Type.Null()], { description })

/** Okta's profile attribute names (as Read User lists them) → this card's outputs. */
const NAMED_ATTRIBUTES: Record<string, string> = { firstName: 'First Name', lastName: 'Last Name', login: 'Login', email: 'Email' }
const SYSTEM_PROPERTIES = new Set(['ID', 'Status', 'Created', 'Activated', 'Status Changed', 'Last Login', 'Last Updated', 'Password Changed'])

/** An exported Read User's outputs: system properties keep their names, other attributes read from Profile. */
function readUserOutputs(keys: string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const k of keys) if (!SYSTEM_PROPERTIES.has(k)) out[k] = NAMED_ATTRIBUTES[k] ?? ['Profile', k]
  return out
}

export default defineCard({
  type: 'okta.readUser',
  title: 'Okta - Read User',
  description:
    'Reads an Okta user with `GET /api/v1/users/{id or login}`. Outputs the main fields under Okta\'s names and ' +
    'the whole profile as `Profile` (e.g. `{{user.Profile.department}}`). An unknown user fails with E0000007.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({
    'ID or login': Type.String({ minLength: 1, description: 'User id (`00u…`), login or login shortname.' }),
  }),
  outputs: Type.Object({
    ID: Type.String(),
    Status: Type.String({ description: 'ACTIVE, STAGED, PROVISIONED, SUSPENDED, DEPROVISIONED, …' }),
    Created: Text('When the user was created.'),
    Activated: Text('When the user was activated.'),
    'Status Changed': Text('When the status last changed.'),
    'Last Login': Text('When the user last signed in.'),
    'Last Updated': Text('When the user was last updated.'),
    'Password Changed': Text('When the password last changed.'),
    Login: Type.String(),
    Email: Text('Primary email.'),
    'First Name': Text('Given name.'),
    'Last Name': Text('Family name.'),
    Profile: Type.Record(Type.String(), Type.Unknown(), { description: "The user's whole Okta profile." }),
  }),
  examples: [
    { title: 'reads a user by login', inputs: { 'ID or login': 'ann@example.com' } },
  ],
  okta: { keys: ['okta:readUser'], map: (v) => ({ inputs: { 'ID or login': v.input('ID or Login') ?? '' }, outputs: readUserOutputs(v.outputKeys()) }) },
  async run(ctx, inputs) {
    const id = inputs['ID or login']
    const user = await ctx.call({
      connector: okta,
      operation: 'GET /api/v1/users/{id}',
      request: { user: id },
      idempotent: true,
      send: (client, signal) => client.getUser(id, signal),
      dryRun: () => sampleUser(id, ctx.now().toISOString()),
    })
    return userOutputs(user)
  },
})

function userOutputs(user: Record<string, unknown>) {
  const profile = (typeof user['profile'] === 'object' && user['profile'] !== null ? user['profile'] : {}) as Record<string, unknown>
  const text = (v: unknown) => (typeof v === 'string' ? v : null)
  return {
    ID: String(user['id'] ?? ''),
    Status: String(user['status'] ?? ''),
    Created: text(user['created']),
    Activated: text(user['activated']),
    'Status Changed': text(user['statusChanged']),
    'Last Login': text(user['lastLogin']),
    'Last Updated': text(user['lastUpdated']),
    'Password Changed': text(user['passwordChanged']),
    Login: String(profile['login'] ?? ''),
    Email: text(profile['email']),
    'First Name': text(profile['firstName']),
    'Last Name': text(profile['lastName']),
    Profile: profile,
  }
}

function sampleUser(idOrLogin: string, now: string): Record<string, unknown> {
  const login = idOrLogin.includes('@') ? idOrLogin : 'dry.run@example.com'
  return {
    id: idOrLogin.startsWith('00u') ? idOrLogin : '00udryrun0000000000',
    status: 'ACTIVE',
    created: now,
    activated: now,
    statusChanged: now,
    lastLogin: null,
    lastUpdated: now,
    passwordChanged: null,
    profile: { login, email: login, firstName: 'Dry', lastName: 'Run' },
  }
}
