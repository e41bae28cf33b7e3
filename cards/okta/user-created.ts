import { userEventTrigger } from '../lib/okta-user-event.ts'

export default userEventTrigger('okta.userCreated', 'Okta - User Created', 'user.lifecycle.create', 'userCreated')
