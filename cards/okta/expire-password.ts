import { userActionCard } from '../lib/okta-user-action.ts'

export default userActionCard({
  type: 'okta.expirePassword',
  title: 'Okta - Expire Password',
  description:
    "Expires a user's password (`POST /api/v1/users/{id}/lifecycle/expire_password`): they must change it at their next " +
    'sign-in. No temporary password is asked for, so none reaches history. Okta Workflows has no card for this (its ' +
    "flows use Custom API Action); cardflow's own card encodes the id.",
  method: 'POST',
  suffix: '/lifecycle/expire_password',
  idInput: 'ID or Login',
  idempotent: true,
  examples: [{ title: 'expires a password', inputs: { 'ID or Login': '00u1abcd' }, outputs: { 'Status Code': 200 } }],
})
