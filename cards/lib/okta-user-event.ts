/** Okta event cards whose subject is one user (User Created, User Suspended, …): same outputs, one event type each. */
import { Type } from '@sinclair/typebox'
import { defineTrigger } from '../../engine/card.ts'
import { InputError } from '../../engine/errors.ts'
import { commonFromEvent, commonOutputs, Entity, entity, entityOfType } from './okta-event-outputs.ts'

/** `exportKey`: the event card's key in Okta exports, e.g. `userCreated`. */
export function userEventTrigger(type: string, title: string, eventType: string, exportKey: string) {
  return defineTrigger({
    type,
    title,
    description: `Fires on \`${eventType}\`. \`Okta User\` is the user target; \`Actor\` who did it.`,
    kind: 'trigger',
    eventTypes: [eventType],
    options: Type.Object({}),
    okta: { keys: [`okta:${exportKey}`] },
    outputs: Type.Object({ ...commonOutputs, Actor: Entity, 'Okta User': Entity }),
    fromEvent(event, delivery) {
      const user = entityOfType(event, 'User')
      const actor = entity(event.actor)
      if (!user || !actor) throw new InputError(`event ${event.uuid} has no ${user ? 'actor' : 'User target'}`)
      return { ...commonFromEvent(event, delivery), Actor: actor, 'Okta User': user }
    },
  })
}
