/**
 * Okta resources as Okta's cards show them: users, groups, applications, app assignments and
 * the rest, each a TypeBox schema (Okta's field names) and a builder from the API object.
 * Builders never trust the shape Okta (or a fake, or a proxy) sends: a missing field is null.
 */
import { type TProperties, Type } from '@sinclair/typebox'
import { objectOf, textOrNull } from './okta-call.ts'

const Text = Type.Union([Type.String(), Type.Null()])
const Obj = Type.Unknown()

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** The user fields Okta's list and search cards give ("helper fields"). */
export const USER_FIELDS = {
  'Raw Output': Type.Optional(Type.Unknown({ description: 'The user object Okta answered.' })),
  ID: Type.Optional(Text),
  Status: Type.Optional(Text),
  Created: Type.Optional(Text),
  Activated: Type.Optional(Text),
  'Status Changed': Type.Optional(Text),
  'Last Login': Type.Optional(Text),
  'Last Updated': Type.Optional(Text),
  'Password Changed': Type.Optional(Text),
  'First Name': Type.Optional(Text),
  'Last Name': Type.Optional(Text),
  'Mobile Phone': Type.Optional(Text),
  'Second Email': Type.Optional(Text),
  Login: Type.Optional(Text),
  Email: Type.Optional(Text),
} satisfies TProperties

export function userRecord(u: unknown) {
  const user = objectOf(u)
  const profile = objectOf(user.profile)
  return {
    'Raw Output': user,
    ID: textOrNull(user.id),
    Status: textOrNull(user.status),
    Created: textOrNull(user.created),
    Activated: textOrNull(user.activated),
    'Status Changed': textOrNull(user.statusChanged),
    'Last Login': textOrNull(user.lastLogin),
    'Last Updated': textOrNull(user.lastUpdated),
    'Password Changed': textOrNull(user.passwordChanged),
    'First Name': textOrNull(profile.firstName),
    'Last Name': textOrNull(profile.lastName),
    'Mobile Phone': textOrNull(profile.mobilePhone),
    'Second Email': textOrNull(profile.secondEmail),
    Login: textOrNull(profile.login),
    Email: textOrNull(profile.email),
  }
}

/** Read User's and Update User's System Properties, plus the profile: Okta's attribute names to its display names. */
export const PROFILE_DISPLAY_NAMES: Record<string, string> = { login: 'Username', firstName: 'First name', lastName: 'Last name', email: 'Primary email' }

export const USER_PROPERTIES = {
  ID: Type.String(),
  Status: Type.String({ description: 'STAGED, PROVISIONED, ACTIVE, RECOVERY, LOCKED_OUT, PASSWORD_EXPIRED, SUSPENDED or DEPROVISIONED.' }),
  Created: Text,
  Activated: Text,
  'Status Changed': Text,
  'Last Login': Text,
  'Last Updated': Text,
  'Password Changed': Text,
  Credentials: Type.Object({
    Emails: Type.Array(Type.Unknown()),
    Password: Type.Boolean({ description: 'True when the user has a password (or an imported hash).' }),
    'Recovery Question': Text,
    Provider: Type.Object({ Name: Text, Type: Text }),
  }),
  Username: Text,
  'First name': Text,
  'Last name': Text,
  'Primary email': Text,
  Profile: Type.Record(Type.String(), Type.Unknown(), { description: 'Every profile attribute by its Okta name, custom ones included: `{{user.Profile.department}}`.' }),
} satisfies TProperties

export function userProperties(u: unknown) {
  const user = objectOf(u)
  const profile = objectOf(user.profile)
  const credentials = objectOf(user.credentials)
  const provider = objectOf(credentials.provider)
  return {
    ID: String(user.id ?? ''),
    Status: String(user.status ?? ''),
    Created: textOrNull(user.created),
    Activated: textOrNull(user.activated),
    'Status Changed': textOrNull(user.statusChanged),
    'Last Login': textOrNull(user.lastLogin),
    'Last Updated': textOrNull(user.lastUpdated),
    'Password Changed': textOrNull(user.passwordChanged),
    Credentials: {
      Emails: list(credentials.emails),
      Password: credentials.password !== undefined && credentials.password !== null,
      'Recovery Question': textOrNull(objectOf(credentials.recovery_question).question),
      Provider: { Name: textOrNull(provider.name), Type: textOrNull(provider.type) },
    },
    Username: textOrNull(profile.login),
    'First name': textOrNull(profile.firstName),
    'Last name': textOrNull(profile.lastName),
    'Primary email': textOrNull(profile.email),
    Profile: profile,
  }
}

/** A plausible user for dry runs, built from what the request said. */
export function sampleUser(idOrLogin: string, profile: Record<string, unknown> = {}, now = '2026-01-01T00:00:00.000Z'): Record<string, unknown> {
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
    credentials: { emails: [{ value: login, status: 'VERIFIED', type: 'PRIMARY' }], provider: { type: 'OKTA', name: 'OKTA' } },
    profile: { login, email: login, firstName: 'Dry', lastName: 'Run', ...profile },
  }
}

export const GROUP_FIELDS = {
  ID: Type.Optional(Text),
  Created: Type.Optional(Text),
  'Last Updated': Type.Optional(Text),
  'Last Membership Updated': Type.Optional(Text),
  'Object Class': Type.Optional(Type.Array(Type.String())),
  Type: Type.Optional(Text),
  Profile: Type.Optional(Type.Object({ Name: Text, Description: Text }, { additionalProperties: true })),
} satisfies TProperties

export function groupRecord(g: unknown) {
  const group = objectOf(g)
  const profile = objectOf(group.profile)
  return {
    ID: textOrNull(group.id),
    Created: textOrNull(group.created),
    'Last Updated': textOrNull(group.lastUpdated),
    'Last Membership Updated': textOrNull(group.lastMembershipUpdated),
    'Object Class': list(group.objectClass).filter((c): c is string => typeof c === 'string'),
    Type: textOrNull(group.type),
    Profile: { ...profile, Name: textOrNull(profile.name), Description: textOrNull(profile.description) },
  }
}

export const sampleGroup = (id = '00gDryRunGroup', name = 'Sample group') => ({
  id,
  created: '2026-01-01T00:00:00.000Z',
  lastUpdated: '2026-01-01T00:00:00.000Z',
  lastMembershipUpdated: '2026-01-01T00:00:00.000Z',
  objectClass: ['okta:user_group'],
  type: 'OKTA_GROUP',
  profile: { name, description: null },
})

export const APP_FIELDS = {
  ID: Type.Optional(Text),
  Name: Type.Optional(Text),
  Label: Type.Optional(Text),
  Status: Type.Optional(Text),
  Created: Type.Optional(Text),
  'Last Updated': Type.Optional(Text),
  'Sign On Mode': Type.Optional(Text),
  Accessibility: Type.Optional(Obj),
  Visibility: Type.Optional(Obj),
  Features: Type.Optional(Type.Array(Type.Unknown())),
  Credentials: Type.Optional(Obj),
  Settings: Type.Optional(Obj),
  Profile: Type.Optional(Obj),
  Links: Type.Optional(Obj),
} satisfies TProperties

export function appRecord(a: unknown) {
  const app = objectOf(a)
  return {
    ID: textOrNull(app.id),
    Name: textOrNull(app.name),
    Label: textOrNull(app.label),
    Status: textOrNull(app.status),
    Created: textOrNull(app.created),
    'Last Updated': textOrNull(app.lastUpdated),
    'Sign On Mode': textOrNull(app.signOnMode),
    Accessibility: objectOf(app.accessibility),
    Visibility: objectOf(app.visibility),
    Features: list(app.features),
    Credentials: objectOf(app.credentials),
    Settings: objectOf(app.settings),
    Profile: objectOf(app.profile),
    Links: objectOf(app._links),
  }
}

export const sampleApp = (id = '0oaDryRunApp') => ({ id, name: 'sample_app', label: 'Sample App', status: 'ACTIVE', signOnMode: 'SAML_2_0', created: '2026-01-01T00:00:00.000Z', lastUpdated: '2026-01-01T00:00:00.000Z' })

/** A user's assignment to an application (Okta's AppUser). */
export const APP_USER_FIELDS = {
  ID: Type.Optional(Text),
  'External ID': Type.Optional(Text),
  Scope: Type.Optional(Text),
  Status: Type.Optional(Text),
  Created: Type.Optional(Text),
  'Last Updated': Type.Optional(Text),
  'Status Changed': Type.Optional(Text),
  'Password Changed': Type.Optional(Text),
  'Sync State': Type.Optional(Text),
  'Last Sync': Type.Optional(Text),
  Credentials: Type.Optional(Obj),
  Profile: Type.Optional(Obj),
} satisfies TProperties

export function appUserRecord(a: unknown) {
  const au = objectOf(a)
  return {
    ID: textOrNull(au.id),
    'External ID': textOrNull(au.externalId),
    Scope: textOrNull(au.scope),
    Status: textOrNull(au.status),
    Created: textOrNull(au.created),
    'Last Updated': textOrNull(au.lastUpdated),
    'Status Changed': textOrNull(au.statusChanged),
    'Password Changed': textOrNull(au.passwordChanged),
    'Sync State': textOrNull(au.syncState),
    'Last Sync': textOrNull(au.lastSync),
    // Okta answers `password: {}`; whatever a proxy or an older API sends there, a password is not an output
    Credentials: { userName: textOrNull(objectOf(au.credentials).userName) },
    Profile: objectOf(au.profile),
  }
}

export const sampleAppUser = (id: string) => ({ id, scope: 'USER', status: 'ACTIVE', syncState: 'DISABLED', created: '2026-01-01T00:00:00.000Z', lastUpdated: '2026-01-01T00:00:00.000Z', credentials: {}, profile: {} })

/** A group's assignment to an application. */
export const GROUP_ASSIGNMENT = Type.Object({ ID: Text, 'Last Updated': Text, Priority: Type.Union([Type.Number(), Type.Null()]), Links: Obj, Profile: Obj })

export function groupAssignmentRecord(g: unknown) {
  const a = objectOf(g)
  return { ID: textOrNull(a.id), 'Last Updated': textOrNull(a.lastUpdated), Priority: typeof a.priority === 'number' ? a.priority : null, Links: objectOf(a._links), Profile: objectOf(a.profile) }
}

/** An import session of an identity source (Anything-as-a-Source). */
export const SESSION = Type.Object({ ID: Text, 'Application ID': Text, Status: Text, 'Import Type': Text })

export function sessionRecord(s: unknown) {
  const session = objectOf(s)
  return { ID: textOrNull(session.id), 'Application ID': textOrNull(session.identitySourceId), Status: textOrNull(session.status), 'Import Type': textOrNull(session.importType) }
}
