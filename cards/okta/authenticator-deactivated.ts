import { oktaEventTrigger } from '../lib/okta-event-trigger.ts'

export default oktaEventTrigger('authenticatorDeactivated')
