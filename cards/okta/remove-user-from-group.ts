import { groupMembershipCard, membershipMapping } from '../lib/okta-group-membership.ts'

export default groupMembershipCard('okta.removeUserFromGroup', 'Okta - Remove User from Group', 'DELETE', 'Removes the user from the group', membershipMapping('okta:removeUserFromGroup'), [
  { title: 'removes a user from a group', inputs: { 'User ID': '00u1abcd', 'Group ID': '00g1abcd' }, outputs: { Status: 204 } },
])
