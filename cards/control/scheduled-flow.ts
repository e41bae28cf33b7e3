import { Type } from '@sinclair/typebox'
import { defineTrigger } from '../../engine/card.ts'

export default defineTrigger({
  type: 'control.scheduledFlow',
  title: 'Scheduled Flow',
  description:
    'A flow Okta ran on a schedule. `schedule` records when (e.g. `every day at 06:00 UTC`); cardflow ' +
    'does not run schedules itself yet: start it with `flow test` or from cron.',
  kind: 'trigger',
  eventTypes: [],
  options: Type.Object({ schedule: Type.Optional(Type.String()) }),
  outputs: Type.Object({ execution_time: Type.Optional(Type.String()) }),
  okta: { keys: ['control:callable'], matches: (v) => v.name === 'Scheduled Flow' },
})
