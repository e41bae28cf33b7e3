import { groupMembershipCard } from './group-membership.ts'

export default groupMembershipCard('okta.addUserToGroup', 'Okta - Add User to Group', 'PUT', 'Adds the user to the group')
