import { userEventTrigger } from './user-event.ts'

export default userEventTrigger('okta.userSuspended', 'Okta - User Suspended', 'user.lifecycle.suspend')
