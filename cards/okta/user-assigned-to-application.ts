import { Type } from '@sinclair/typebox'
import { defineTrigger } from '../../engine/card.ts'
import { applicationOption } from '../lib/okta-event-outputs.ts'
import unassigned from './user-unassigned-from-application.ts'

/** The mirror of User Unassigned from Application: same options and outputs, the `add` event. */
export default defineTrigger({
  ...unassigned,
  type: 'okta.userAssignedToApplication',
  title: 'Okta - User Assigned to Application',
  description:
    'Fires on `application.user_membership.add`. The `application` option limits it to one app ' +
    '(by label or app instance id `0oa…`) or `All Apps`.',
  eventTypes: ['application.user_membership.add'],
  options: Type.Object(unassigned.options.properties),
  okta: { keys: ['okta:userAddedToApplicationMembership'], options: applicationOption },
})
