import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { sampleUser } from '../../connectors/okta/users.ts'
import { okta } from '../../connectors/okta/index.ts'
import { inGroup, mapped, yesNo } from '../../importer/mapping.ts'

const text = (v: unknown) => (typeof v === 'string' ? v : null)

export default defineCard({
  type: 'okta.createUser',
  title: 'Okta - Create User',
  description:
    'Creates a user without credentials (`POST /api/v1/users`); `profile` holds `login`, `firstName`, ' +
    '`lastName`, `email` and any custom attributes. With `Activate` the user is activated at once.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({
    profile: Type.Object(
      { login: Type.String({ minLength: 1 }), firstName: Type.String(), lastName: Type.String(), email: Type.String({ minLength: 3 }) },
      { additionalProperties: true, description: 'The new user\'s profile.' },
    ),
    Activate: Type.Boolean({ default: false }),
  }),
  outputs: Type.Object({
    ID: Type.String(),
    Status: Type.Union([Type.String(), Type.Null()]),
    Created: Type.Union([Type.String(), Type.Null()]),
    Activated: Type.Union([Type.String(), Type.Null()]),
    'Status Changed': Type.Union([Type.String(), Type.Null()]),
    'Last Login': Type.Union([Type.String(), Type.Null()]),
    'Last Updated': Type.Union([Type.String(), Type.Null()]),
    'Password Changed': Type.Union([Type.String(), Type.Null()]),
    'Raw Body': Type.Unknown({ description: 'The user object Okta answered.' }),
  }),
  examples: [
    { title: 'creates a staged user', inputs: { profile: { login: 'ann@example.com', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' }, Activate: false } },
  ],
  okta: { keys: ['okta:createUser'], map: (v) => mapped({ profile: inGroup(v, 'Profile'), Activate: yesNo(v.input('Activate')) }) },
  async run(ctx, { profile, Activate }) {
    const user = await ctx.call({
      connector: okta,
      operation: 'POST /api/v1/users',
      request: { profile, activate: Activate },
      // a second POST would try to create the user twice
      idempotent: false,
      send: (client, signal) => client.request<Record<string, unknown>>('POST', '/api/v1/users', { query: { activate: String(Activate) }, body: { profile }, signal }),
      dryRun: () => sampleUser('00uDryRunNewUser', profile),
    })
    return {
      ID: String(user.id ?? ''),
      Status: text(user.status),
      Created: text(user.created),
      Activated: text(user.activated),
      'Status Changed': text(user.statusChanged),
      'Last Login': text(user.lastLogin),
      'Last Updated': text(user.lastUpdated),
      'Password Changed': text(user.passwordChanged),
      'Raw Body': user,
    }
  },
})
