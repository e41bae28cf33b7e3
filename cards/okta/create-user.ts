import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { okta } from '../../connectors/okta/index.ts'
import { defined, inGroup, mapped, yesNo } from '../../importer/mapping.ts'
import { oktaSend } from '../lib/okta-call.ts'
import { sampleUser, USER_PROPERTIES, userProperties } from '../lib/okta-records.ts'

/** Okta's Option choices, and the keys its exports store them under. */
const OPTIONS: Record<string, string> = {
  getInputsnoCreds: 'without Credentials',
  getInputswithRecoveryQ: 'with Recovery Question',
  getInputswithPW: 'with Password',
  getInputsPWRecoveryQ: 'with Password & Recovery Question',
  getInputsAuthProv: 'with Authentication Provider',
  getInputsGroup: 'in Group',
}

const Credentials = Type.Object(
  {
    Question: Type.Optional(Type.String()),
    Answer: Type.Optional(Type.String()),
    Password: Type.Optional(Type.String({ description: 'Shown as [REDACTED] in history.' })),
    'Provider Name': Type.Optional(Type.String({ description: 'Directory instance name, for ACTIVE_DIRECTORY or LDAP.' })),
    'Provider Type': Type.Optional(Type.Union(['OKTA', 'ACTIVE_DIRECTORY', 'LDAP', 'FEDERATION', 'SOCIAL', 'IMPORT'].map((t) => Type.Literal(t)))),
  },
  { description: 'What the Option asks for: recovery question and answer, password, or authentication provider.' },
)

type CredentialInputs = { Question?: string; Answer?: string; Password?: string; 'Provider Name'?: string; 'Provider Type'?: string }

function credentialsFor(option: string, c: CredentialInputs, cardId: string): Record<string, unknown> | undefined {
  const need = (key: keyof CredentialInputs) => {
    if (!c[key]) throw new CardFailedError(`Option "${option}" needs Credentials.${key}`, cardId)
    return c[key]
  }
  const question = option.includes('Recovery Question') ? { recovery_question: { question: need('Question'), answer: need('Answer') } } : {}
  const password = option.includes('Password') ? { password: { value: need('Password') } } : {}
  const provider = option === 'with Authentication Provider' ? { provider: { type: need('Provider Type'), ...(c['Provider Name'] && { name: c['Provider Name'] }) } } : {}
  const all = { ...question, ...password, ...provider }
  return Object.keys(all).length > 0 ? all : undefined
}

export default defineCard({
  type: 'okta.createUser',
  title: 'Okta - Create User',
  description:
    'Creates a user (`POST /api/v1/users`). `Profile` holds `login`, `firstName`, `lastName`, `email` and any other ' +
    'attribute; `Option` says which `Credentials` go with it, or the `Group IDs` the user joins (in Group). With ' +
    '`Activate` the user is activated at once. Not retried after a 5xx: a second POST could create the user twice.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({
    Option: Type.Union(Object.values(OPTIONS).map((o) => Type.Literal(o)), { default: 'without Credentials' }),
    Profile: Type.Object(
      { login: Type.String({ minLength: 1, description: 'Username' }), firstName: Type.String(), lastName: Type.String(), email: Type.String({ minLength: 3, description: 'Primary email' }) },
      { additionalProperties: true, description: "The new user's profile, by Okta attribute name." },
    ),
    Credentials: Type.Optional(Credentials),
    'Group IDs': Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'With Option "in Group": the groups the user joins.' })),
    Activate: Type.Boolean({ default: false }),
  }),
  outputs: Type.Object({ ...USER_PROPERTIES, 'Raw Body': Type.Unknown({ description: 'The user object Okta answered.' }) }),
  examples: [
    { title: 'creates a staged user', inputs: { Profile: { login: 'ann@example.com', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' }, Activate: false } },
    { title: 'refuses a password option without the password', inputs: { Option: 'with Password', Profile: { login: 'a@example.com', firstName: 'A', lastName: 'B', email: 'a@example.com' } }, error: 'needs Credentials.Password' },
  ],
  okta: {
    keys: ['okta:createUser'],
    map: (v) => {
      const option = v.input('option')
      const creds = inGroup(v, 'Credentials')
      return mapped({
        Option: typeof option === 'string' ? (OPTIONS[option] ?? option) : undefined,
        Profile: inGroup(v, 'Profile'),
        Credentials: Object.keys(creds).length > 0 ? defined({ Question: creds.question ?? creds.Question, Answer: creds.answer ?? creds.Answer, Password: creds.password ?? creds.Password }) : undefined,
        Activate: yesNo(v.input('Activate')),
      })
    },
  },
  async run(ctx, { Option, Profile, Credentials: given, 'Group IDs': groupIds, Activate }) {
    const credentials = credentialsFor(Option, given ?? {}, ctx.cardId)
    if (Option === 'in Group' && !groupIds?.length) throw new CardFailedError('Option "in Group" needs "Group IDs"', ctx.cardId)
    const query = { activate: String(Activate), ...(Option === 'with Authentication Provider' && { provider: 'true' }) }
    const body = { profile: Profile, ...(credentials && { credentials }), ...(Option === 'in Group' && { groupIds }) }
    const res = await oktaSend(ctx, {
      method: 'POST',
      operation: 'POST /api/v1/users',
      path: () => '/api/v1/users',
      query,
      body,
      request: { profile: Profile, ...query, ...(credentials && { credentials: Object.keys(credentials) }), ...(Option === 'in Group' && { groupIds }) },
      // a second POST would try to create the user twice
      idempotent: false,
      dryRun: () => ({ status: 200, body: { ...sampleUser('00uDryRunNewUser', Profile), status: Activate ? 'ACTIVE' : 'STAGED' } }),
    })
    return { ...userProperties(res.body), 'Raw Body': res.body ?? null }
  },
})
