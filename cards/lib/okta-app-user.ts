/** Assign User to Application for SSO, and for SSO and Provisioning: one request, the profile optional. */
import { type TProperties, Type } from '@sinclair/typebox'
import { type CardExample, defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { named, oktaPath } from '../../connectors/okta/path.ts'
import { defined, inGroup, nonEmpty } from '../../importer/mapping.ts'
import { AppId, exportedAppId } from './okta-app-input.ts'
import { objectOf, oktaSend } from './okta-call.ts'
import { APP_USER_FIELDS, appUserRecord, sampleAppUser } from './okta-records.ts'

const inputs = {
  'App ID': AppId(),
  'User ID': Type.String({ minLength: 1, description: 'User id (`00u…`).' }),
  Scope: Type.Union([Type.Literal('USER'), Type.Literal('GROUP')], { default: 'USER', description: 'USER for a direct assignment.' }),
  Credentials: Type.Optional(Type.Object({ Username: Type.Optional(Type.String()), Password: Type.Optional(Type.String({ description: 'Shown as [REDACTED] in history.' })) })),
} satisfies TProperties

export function assignUserCard(type: string, title: string, description: string, withProfile: boolean, key: string, examples: CardExample[]) {
  return defineCard({
    type,
    title,
    description,
    kind: 'connector',
    connector: okta,
    inputs: Type.Object({ ...inputs, ...(withProfile && { Profile: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "The app user profile: the application's own attributes." })) }) }),
    outputs: Type.Object(Type.Required(Type.Object(APP_USER_FIELDS)).properties),
    examples,
    okta: {
      keys: [key],
      map: (v) => ({ inputs: defined({ 'App ID': exportedAppId(v), 'User ID': v.input('userId') ?? v.input('User ID') ?? v.input('id'), ...(withProfile && { Profile: nonEmpty(inGroup(v, 'Profile Properties')) }) }) }),
    },
    async run(ctx, i: Record<string, unknown>) {
      const creds = objectOf(i.Credentials)
      const credentials = defined({ userName: creds.Username, ...(creds.Password !== undefined && { password: { value: creds.Password } }) })
      const body = { id: i['User ID'], scope: i.Scope, ...(Object.keys(credentials).length > 0 && { credentials }), ...(withProfile && i.Profile !== undefined && { profile: i.Profile }) }
      const res = await oktaSend(ctx, {
        method: 'POST',
        operation: 'POST /api/v1/apps/{appId}/users',
        path: () => oktaPath`/api/v1/apps/${named('App ID', i['App ID'])}/users`,
        body,
        request: { app: i['App ID'], user: i['User ID'], scope: i.Scope, ...(withProfile && i.Profile !== undefined && { profile: i.Profile }) },
        // assigning an assigned user updates that assignment: the same request twice gives the same state
        idempotent: true,
        dryRun: () => ({ status: 200, body: { ...sampleAppUser(String(i['User ID'])), ...(withProfile && i.Profile !== undefined && { profile: i.Profile }) } }),
      })
      return appUserRecord(res.body)
    },
  })
}
