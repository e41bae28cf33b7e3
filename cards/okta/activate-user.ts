import { Type } from '@sinclair/typebox'
import { objectOf, textOrNull } from '../lib/okta-call.ts'
import { exportedAs, isYes, userActionCard, YesNo } from '../lib/okta-user-action.ts'

export default userActionCard({
  type: 'okta.activateUser',
  title: 'Okta - Activate User',
  description:
    'Activates a STAGED or DEPROVISIONED user (`POST /api/v1/users/{id}/lifecycle/activate`). With `Send Email?` ' +
    'Okta emails the activation link; without, the card outputs the activation token and URL for you to send.',
  method: 'POST',
  suffix: '/lifecycle/activate',
  idInput: 'ID or Login',
  options: { 'Send Email?': YesNo('Okta emails the activation link to the user.', true) },
  outputs: { Activation: Type.Object({ Token: Type.Union([Type.String(), Type.Null()]), Url: Type.Union([Type.String(), Type.Null()]) }) },
  query: (i) => ({ sendEmail: String(isYes(i['Send Email?'])) }),
  idempotent: false,
  result: (res) => {
    const body = objectOf(res.body)
    return { Activation: { Token: textOrNull(body.activationToken), Url: textOrNull(body.activationUrl) } }
  },
  dryRunBody: (i) => (isYes(i['Send Email?']) ? {} : { activationToken: 'XE6wE17zmphl3KqAPFxO', activationUrl: 'https://example.okta.com/welcome/XE6wE17zmphl3KqAPFxO' }),
  okta: exportedAs('okta:activateUser', { 'ID or Login': ['id', 'ID or Login'], 'Send Email?': ['sendEmail', 'Send Email?'] }),
  examples: [
    {
      title: 'activates a user without email, giving the link',
      inputs: { 'ID or Login': 'ann@example.com', 'Send Email?': false },
      outputs: { 'Status Code': 200, Activation: { Token: '[REDACTED]', Url: 'https://example.okta.com/welcome/XE6wE17zmphl3KqAPFxO' } },
    },
  ],
})
