import { Type } from '@sinclair/typebox'
import { defineTrigger } from '../../engine/card.ts'
import { InputError } from '../../engine/errors.ts'
import { targetOfType } from '../../connectors/okta/events.ts'
import { applicationOption, commonFromEvent, commonOutputs, Entity, entity, entityOfType } from '../lib/okta-event-outputs.ts'

export default defineTrigger({
  type: 'okta.userUnassignedFromApplication',
  title: 'Okta - User Unassigned from Application',
  description:
    'Fires on `application.user_membership.remove`. The `application` option limits it to one app ' +
    '(by label, e.g. `Salesforce.com`, or app instance id `0oa…`) or `All Apps`.',
  kind: 'trigger',
  eventTypes: ['application.user_membership.remove'],
  options: Type.Object({
    application: Type.String({
      minLength: 1,
      default: 'All Apps',
      description: 'App label or app instance id (0oa…), or `All Apps`.',
    }),
  }),
  outputs: Type.Object({
    ...commonOutputs,
    Admin: Entity,
    'Okta User': Entity,
    'Application User': Type.Optional(Entity),
    Application: Entity,
  }),
  okta: { keys: ['okta:userUnassignedFromApplicationMembership'], options: applicationOption },
  skipReason(event, { application }) {
    if (application === 'All Apps') return undefined
    const app = targetOfType(event, 'AppInstance')
    if (app && (app.id === application || app.displayName === application || app.alternateId === application)) {
      return undefined
    }
    return `the flow is set to application "${application}"; this event is for "${app?.displayName ?? app?.id ?? 'no application'}"`
  },
  fromEvent(event, delivery) {
    const user = entityOfType(event, 'User')
    const app = entityOfType(event, 'AppInstance')
    const admin = entity(event.actor)
    if (!user || !app || !admin) {
      throw new InputError(`event ${event.uuid} lacks ${!user ? 'a User target' : !app ? 'an AppInstance target' : 'an actor'}`)
    }
    return {
      ...commonFromEvent(event, delivery),
      Admin: admin,
      'Okta User': user,
      'Application User': entityOfType(event, 'AppUser'),
      Application: app,
    }
  },
})
