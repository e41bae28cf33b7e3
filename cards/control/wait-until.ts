import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { waitBounded } from './wait-for.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.waitUntil',
  title: 'Wait Until',
  description:
    'Pauses the flow until a date and time (ISO, UTC, e.g. `2016-09-07T16:55:25.670Z`), then goes on. A time ' +
    'already past waits the one-second minimum; more than 30 days ahead fails the flow. `flow test` records the ' +
    'wait and goes on at once; a run started to suspend ends `waiting` and is resumed when due.',
  kind: 'control',
  inputs: Type.Object({ dateTime: Type.String({ minLength: 1, description: 'When to resume the flow (Okta: date & time).' }) }),
  outputs: Type.Object({}),
  examples: [
    { title: 'waits until a time', inputs: { dateTime: '2026-11-21T09:00:00.000Z' }, outputs: {} },
    { title: 'not a date', inputs: { dateTime: 'tomorrow' }, error: 'not a date and time' },
    { title: 'too far ahead', inputs: { dateTime: '2027-06-01T00:00:00Z' }, error: 'more than 30 days away' },
  ],
  okta: { keys: ['control:until'], map: (v) => mapped({ dateTime: inputOf(v, ['date', 'dateTime', 'datetime', 'time', 'until'], 0) }) },
  run(ctx, { dateTime }) {
    const until = Date.parse(dateTime)
    if (Number.isNaN(until)) throw new CardFailedError(`"${dateTime}" is not a date and time (ISO, e.g. 2016-09-07T16:55:25.670Z)`, ctx.cardId)
    return waitBounded(ctx, until, dateTime)
  },
})
