import { oktaEventTrigger } from '../lib/okta-event-trigger.ts'

export default oktaEventTrigger('accessRequestCreated')
