import { assignUserCard } from '../lib/okta-app-user.ts'

export default assignUserCard(
  'okta.assignUserToApplicationForSsoAndProvisioning',
  'Okta - Assign User to Application for SSO and Provisioning',
  "Assigns a user to an application with an app profile (`POST /api/v1/apps/{appId}/users`); the application's profile mappings apply first, then the `Profile` given.",
  true,
  'okta:assignUserToApplicationForSSOAndProvisioning',
  [{ title: 'assigns a user with an app profile', inputs: { 'App ID': '0oa1abcd', 'User ID': '00u1abcd', Profile: { role: 'Viewer' } } }],
)
