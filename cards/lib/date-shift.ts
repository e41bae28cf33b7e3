/**
 * Okta's Add and Subtract move a date by a multiple of a unit. Units up to weeks are fixed
 * lengths of time; months and years are calendar units, clamped to the month's last day as
 * Moment does (January 31 plus one month is February 28).
 */
import { Type } from '@sinclair/typebox'
import dayjs from 'dayjs'
import { CardFailedError } from '../../engine/errors.ts'
import { parseDate } from './moment-format.ts'
import { toNumber } from './to-number.ts'

const UNIT_MS = { milliseconds: 1, seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 } as const
export const DATE_UNITS = [...Object.keys(UNIT_MS), 'months', 'years'] as const

export const dateUnit = Type.Union(
  DATE_UNITS.map((u) => Type.Literal(u)),
  { description: 'milliseconds, seconds, minutes, hours, days, weeks, months or years' },
)

/** The date `amount` `unit`s after `start` (before it for a negative amount, or `sign` -1), as ISO 8601 in UTC. */
export function shiftDate(start: unknown, amount: unknown, unit: string, cardId: string, sign: 1 | -1 = 1): string {
  const d = parseDate(start, undefined, cardId)
  // Okta's numbers are loose: "2" counts as 2, and an empty amount moves nothing
  const n = amount === undefined || amount === null || amount === '' ? 0 : sign * toNumber(amount, 'scale', cardId)
  let out: Date
  if (unit === 'months' || unit === 'years') {
    // Moment rounds a fractional month or year amount to a whole one
    out = dayjs.utc(d).add(Math.round(n), unit === 'years' ? 'year' : 'month').toDate()
  } else {
    out = new Date(d.getTime() + n * UNIT_MS[unit as keyof typeof UNIT_MS])
  }
  if (Number.isNaN(out.getTime())) throw new CardFailedError(`the date is out of range after moving ${n} ${unit}`, cardId)
  return out.toISOString()
}
