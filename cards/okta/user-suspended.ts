import { userEventTrigger } from '../lib/okta-user-event.ts'

export default userEventTrigger('okta.userSuspended', 'Okta - User Suspended', 'user.lifecycle.suspend', 'userSuspended')
