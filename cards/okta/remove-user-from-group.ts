import { groupMembershipCard } from './group-membership.ts'

export default groupMembershipCard('okta.removeUserFromGroup', 'Okta - Remove User from Group', 'DELETE', 'Removes the user from the group')
