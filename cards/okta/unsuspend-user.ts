import { exportedAs, userActionCard } from '../lib/okta-user-action.ts'

export default userActionCard({
  type: 'okta.unsuspendUser',
  title: 'Okta - Unsuspend User',
  description: 'Returns a suspended user to ACTIVE (`POST /api/v1/users/{id}/lifecycle/unsuspend`). Only SUSPENDED users can be unsuspended.',
  method: 'POST',
  suffix: '/lifecycle/unsuspend',
  idInput: 'ID or Login',
  idempotent: false,
  okta: exportedAs('okta:unsuspendUser', { 'ID or Login': ['id', 'ID or Login'] }),
  examples: [{ title: 'unsuspends a user', inputs: { 'ID or Login': '00u1abcd' }, outputs: { 'Status Code': 200 } }],
})
