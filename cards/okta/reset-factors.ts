import { userActionCard } from '../lib/okta-user-action.ts'

export default userActionCard({
  type: 'okta.resetFactors',
  title: 'Okta - Reset Factors',
  description:
    "Resets all of a user's MFA factors (`POST /api/v1/users/{id}/lifecycle/reset_factors`): they enrol again at the next " +
    "sign-in. Okta Workflows has no card for this (its flows use Custom API Action); cardflow's own card encodes the id.",
  method: 'POST',
  suffix: '/lifecycle/reset_factors',
  idInput: 'ID or Login',
  idempotent: true,
  examples: [{ title: "resets a user's factors", inputs: { 'ID or Login': '00u1abcd' }, outputs: { 'Status Code': 200 } }],
})
