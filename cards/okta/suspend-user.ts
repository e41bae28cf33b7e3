import { exportedAs, userActionCard } from '../lib/okta-user-action.ts'

export default userActionCard({
  type: 'okta.suspendUser',
  title: 'Okta - Suspend User',
  description: 'Suspends an active user (`POST /api/v1/users/{id}/lifecycle/suspend`): they cannot sign in until unsuspended. Only ACTIVE users can be suspended.',
  method: 'POST',
  suffix: '/lifecycle/suspend',
  idInput: 'ID or Login',
  // suspending a suspended user is refused by Okta (E0000001), not done twice
  idempotent: false,
  okta: exportedAs('okta:suspendUser', { 'ID or Login': ['id', 'ID or Login'] }),
  examples: [{ title: 'suspends a user', inputs: { 'ID or Login': 'ann@example.com' }, outputs: { 'Status Code': 200 } }],
})
