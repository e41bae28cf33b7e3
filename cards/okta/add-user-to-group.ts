import { groupMembershipCard, membershipMapping } from '../lib/okta-group-membership.ts'

export default groupMembershipCard('okta.addUserToGroup', 'Okta - Add User to Group', 'PUT', 'Adds the user to the group', membershipMapping('okta:addNewUserToGroup'), [
  { title: 'adds a user to a group', inputs: { 'User ID': '00u1abcd', 'Group ID': '00g1abcd' }, outputs: { Status: 204 } },
])
