import { Type } from '@sinclair/typebox'
import { exportedAs, isYes, userActionCard, YesNo } from '../lib/okta-user-action.ts'

export default userActionCard({
  type: 'okta.deactivateUser',
  title: 'Okta - Deactivate User',
  description:
    'Deactivates a user (`POST /api/v1/users/{id}/lifecycle/deactivate`); it cannot be undone for DEPROVISIONED ' +
    'users. `Send Email?` tells admins by email; `Asynchronous Deactivation` asks Okta to finish in the background (`Prefer: respond-async`).',
  method: 'POST',
  suffix: '/lifecycle/deactivate',
  idInput: 'ID or Login',
  options: {
    'Send Email?': YesNo('Send a deactivation email to the admin.', false),
    'Asynchronous Deactivation': Type.Boolean({ default: false, description: 'Okta deactivates in the background and answers at once.' }),
  },
  query: (i) => ({ sendEmail: String(isYes(i['Send Email?'])) }),
  headers: (i) => (i['Asynchronous Deactivation'] === true ? { prefer: 'respond-async' } : undefined),
  // Deactivating a deactivated user is an error, not a second deactivation: not retried blindly.
  idempotent: false,
  okta: exportedAs('okta:deactivateUser', { 'ID or Login': ['id', 'ID or Login'], 'Send Email?': ['sendEmail', 'Send Email?'], 'Asynchronous Deactivation': ['async', 'Asynchronous Deactivation'] }),
  examples: [{ title: 'deactivates a user without telling admins', inputs: { 'ID or Login': 'ann@example.com', 'Send Email?': false }, outputs: { 'Status Code': 200 } }],
})
