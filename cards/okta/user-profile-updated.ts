import { Type } from '@sinclair/typebox'
import { defineTrigger } from '../../engine/card.ts'
import { InputError } from '../../engine/errors.ts'
import { debugDataOf } from '../../connectors/okta/events.ts'
import { commonFromEvent, commonOutputs, Entity, entity, entityOfType } from '../lib/okta-event-outputs.ts'

export default defineTrigger({
  type: 'okta.userProfileUpdated',
  title: 'Okta - User Okta Profile Updated',
  description:
    'Fires on `user.account.update_profile`. `Changed Attributes` holds the changed attribute names, ' +
    'comma-separated (no values). The actor may be the user or an admin, API token or import.',
  kind: 'trigger',
  eventTypes: ['user.account.update_profile'],
  options: Type.Object({}),
  outputs: Type.Object({
    ...commonOutputs,
    'Changed Attributes': Type.Union([Type.String(), Type.Null()]),
    Actor: Entity,
    'Okta User': Entity,
  }),
  okta: { keys: ['okta:oktaUserProfileUpdated'] },
  fromEvent(event, delivery) {
    const user = entityOfType(event, 'User')
    const actor = entity(event.actor)
    if (!user || !actor) throw new InputError(`event ${event.uuid} has no ${user ? 'actor' : 'User target'}`)
    const changed = debugDataOf(event).changedAttributes
    return {
      ...commonFromEvent(event, delivery),
      'Changed Attributes': typeof changed === 'string' ? changed : null,
      Actor: actor,
      'Okta User': user,
    }
  },
})
