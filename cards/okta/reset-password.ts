import { Type } from '@sinclair/typebox'
import { objectOf, textOrNull } from '../lib/okta-call.ts'
import { exportedAs, isYes, userActionCard, YesNo } from '../lib/okta-user-action.ts'

export default userActionCard({
  type: 'okta.resetPassword',
  title: 'Okta - Reset Password',
  description:
    'Resets a user\'s password (`POST /api/v1/users/{id}/lifecycle/reset_password`). With `Send Email` Okta emails ' +
    'the reset link; without, the card outputs it as `Reset Password.URL`. `Convert to Federated User` makes the ' +
    'user sign in through their identity provider (no email then).',
  method: 'POST',
  suffix: '/lifecycle/reset_password',
  idInput: 'ID or Username',
  options: {
    'Convert to Federated User': YesNo('Convert the user to a federated user (provider FEDERATION).', false),
    'Send Email': YesNo('Okta emails the reset link to the user.', true),
  },
  outputs: { 'Reset Password': Type.Object({ URL: Type.Union([Type.String(), Type.Null()]) }) },
  query: (i): Record<string, string> => {
    const federated = isYes(i['Convert to Federated User'])
    return federated ? { provider: 'FEDERATION', sendEmail: 'false' } : { sendEmail: String(isYes(i['Send Email'])) }
  },
  idempotent: false,
  result: (res) => ({ 'Reset Password': { URL: textOrNull(objectOf(res.body).resetPasswordUrl) } }),
  dryRunBody: (i) => (isYes(i['Send Email']) && !isYes(i['Convert to Federated User']) ? {} : { resetPasswordUrl: 'https://example.okta.com/reset_password/XE6wE17zmphl3KqAPFxO' }),
  okta: exportedAs('okta:resetPassword', { 'ID or Username': ['id', 'ID or Username'], 'Send Email': ['sendEmail', 'Send Email'], 'Convert to Federated User': ['provider', 'Convert to Federated User'] }),
  examples: [
    {
      title: 'gives the reset link instead of emailing it',
      inputs: { 'ID or Username': 'ann@example.com', 'Send Email': false },
      outputs: { 'Status Code': 200, 'Reset Password': { URL: 'https://example.okta.com/reset_password/XE6wE17zmphl3KqAPFxO' } },
    },
  ],
})
