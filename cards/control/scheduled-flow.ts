import { Type } from '@sinclair/typebox'
import { defineTrigger } from '../../engine/card.ts'
import type { ExportedCard } from '../../engine/export-mapping.ts'
import { CATCH_UP, DAYS, scheduleOf, scheduleProblems } from '../lib/schedule.ts'

/** Okta keeps a scheduled flow's schedule beside the flow, as cron fields (seconds first). */
interface OktaCron {
  seconds?: string
  minutes?: string
  hours?: string
  dayOfTheMonth?: string
  month?: string
  dayOfTheWeek?: string
  startDate?: string
  endDate?: string
  timeZone?: string
}

/** The exported flow's schedule as options: its cron fields as one pattern, its time zone and bounds. */
function fromExport(card: ExportedCard): Record<string, unknown> {
  const c = card.flowSchedule?.() as OktaCron | undefined
  if (!c || typeof c !== 'object' || c.minutes === undefined) return {}
  const field = (v: string | undefined) => (v === undefined || v === '' ? '*' : String(v))
  const cron = [c.seconds ?? '0', c.minutes, c.hours, c.dayOfTheMonth, c.month, c.dayOfTheWeek].map(field).join(' ')
  const date = (v: string | undefined) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined)
  const start = date(c.startDate)
  const end = date(c.endDate)
  return { cron, ...(c.timeZone && { timeZone: c.timeZone }), ...(start && { start }), ...(end && { end }) }
}

export default defineTrigger({
  type: 'control.scheduledFlow',
  title: 'Scheduled Flow',
  description:
    'Runs the flow on a schedule: `every` 15 minutes, 2 hours, day, week or 3 months, `at` a time, `on` days, ' +
    '`between` two hours, in a `timeZone`, from `start` to `end`; or a `cron` pattern. `flow serve` fires each ' +
    'slot once, across restarts and engines; slots missed while no engine ran follow `catchUp` (default ' +
    '`latest`: run once for the latest). `execution_time` is the slot the run was fired for. See docs/schedules.md.',
  kind: 'trigger',
  eventTypes: [],
  options: Type.Object({
    every: Type.Optional(Type.String({ description: 'How often: `15 minutes`, `2 hours`, `day`, `week`, `3 months` (Okta\'s Frequency).' })),
    at: Type.Optional(Type.String({ description: 'Time of day, `09:30` (day, week, month); minute past the hour, `:15` (hours).' })),
    on: Type.Optional(Type.Array(Type.Union(DAYS.map((d) => Type.Literal(d))), { description: 'Days of the week it runs (week; minutes and hours: only these days).' })),
    day: Type.Optional(Type.Integer({ minimum: 1, maximum: 31, description: 'Day of the month (months); default 1.' })),
    between: Type.Optional(Type.String({ description: 'Minutes and hours: only from the first hour up to the second, `09:00-17:00`.' })),
    cron: Type.Optional(Type.String({ description: 'A cron pattern instead of `every`: five fields, or six with seconds first.' })),
    timeZone: Type.Optional(Type.String({ description: 'IANA time zone the times are read in, e.g. `America/Los_Angeles`; default UTC.' })),
    start: Type.Optional(Type.String({ description: 'No earlier than: a date (`2026-12-01`) or date and time, in the time zone.' })),
    end: Type.Optional(Type.String({ description: 'No later than: a date (through its end) or date and time, in the time zone.' })),
    catchUp: Type.Optional(Type.Union(CATCH_UP.map((c) => Type.Literal(c)), { description: 'Slots missed while no engine ran: `latest` (default) runs once for the latest, `all` runs each (at most 100), `none` skips them.' })),
    schedule: Type.Optional(Type.String({ description: 'A note for readers on when it runs; it schedules nothing.' })),
  }),
  outputs: Type.Object({ execution_time: Type.Optional(Type.String({ description: 'The slot the run was fired for (ISO time).' })) }),
  check: (options) => scheduleProblems(options),
  schedule: (options) => scheduleOf(options),
  okta: { keys: ['control:callable'], matches: (v) => v.name === 'Scheduled Flow', options: fromExport },
})
