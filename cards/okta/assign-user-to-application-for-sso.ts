import { assignUserCard } from '../lib/okta-app-user.ts'

export default assignUserCard(
  'okta.assignUserToApplicationForSso',
  'Okta - Assign User to Application for SSO',
  'Assigns a user to an application for sign-on only, without an app profile (`POST /api/v1/apps/{appId}/users`); `Credentials` for apps that sign in with a username and password.',
  false,
  'okta:assignUserToApplicationForSSO',
  [{ title: 'assigns a user to an app', inputs: { 'App ID': '0oa1abcd', 'User ID': '00u1abcd' } }],
)
