import { userActionCard } from '../lib/okta-user-action.ts'

export default userActionCard({
  type: 'okta.unlockUser',
  title: 'Okta - Unlock User',
  description:
    'Unlocks a LOCKED_OUT user (`POST /api/v1/users/{id}/lifecycle/unlock`) so they can sign in with their current ' +
    "password. Okta Workflows has no card for this (its flows use Custom API Action); cardflow's own card encodes the id.",
  method: 'POST',
  suffix: '/lifecycle/unlock',
  idInput: 'ID or Login',
  idempotent: false,
  examples: [{ title: 'unlocks a user', inputs: { 'ID or Login': 'ann@example.com' }, outputs: { 'Status Code': 200 } }],
})
