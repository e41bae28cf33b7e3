/**
 * Okta's schedule options (every N minutes, hours, days, weeks or months, at a time, on days,
 * between two times, in a time zone, from a start to an end) as one cron pattern, and the fire
 * times croner computes from it, daylight-saving changes included: a time that does not exist
 * that day (02:30 when clocks spring forward) fires at the first time after it, a time that
 * happens twice (01:30 when they fall back) fires once.
 */
import { Cron } from 'croner'
import type { CatchUp, TriggerSchedule } from '../../engine/card.ts'

export const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
export type Day = (typeof DAYS)[number]
export const CATCH_UP = ['latest', 'all', 'none'] as const

export interface ScheduleOptions {
  every?: string | undefined
  at?: string | undefined
  on?: Day[] | undefined
  day?: number | undefined
  between?: string | undefined
  cron?: string | undefined
  timeZone?: string | undefined
  start?: string | undefined
  end?: string | undefined
  catchUp?: CatchUp | undefined
  /** A note for readers; it schedules nothing. */
  schedule?: string | undefined
}

type Unit = 'minute' | 'hour' | 'day' | 'week' | 'month'
/** Okta's dropdowns: minutes and hours that divide the hour and the day evenly, months the year. */
const STEPS: Record<Unit, readonly number[]> = {
  minute: [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30],
  hour: [1, 2, 3, 4, 6, 8, 12],
  day: [1],
  week: [1],
  month: [1, 2, 3, 4, 6, 12],
}
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/
const MINUTE_PAST = /^:([0-5]\d)$/
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/

/** Problems with the options, each naming the option; empty when they make a schedule (or none is set). */
export function scheduleProblems(o: ScheduleOptions): string[] {
  try {
    if (o.every !== undefined || o.cron !== undefined) compile(o)
    return []
  } catch (err) {
    return [(err as Error).message]
  }
}

/** The schedule the options describe, or undefined when they set neither `every` nor `cron`. */
export function scheduleOf(o: ScheduleOptions): TriggerSchedule | undefined {
  if (o.every === undefined && o.cron === undefined) return undefined
  return compile(o)
}

function compile(o: ScheduleOptions): TriggerSchedule {
  if (o.every !== undefined && o.cron !== undefined) throw new Error('set `every` or `cron`, not both')
  const pattern = o.cron !== undefined ? o.cron.trim() : patternOf(o)
  const timeZone = o.timeZone ?? 'UTC'
  const start = o.start === undefined ? undefined : bound(o.start, 'start', 'T00:00:00')
  const end = o.end === undefined ? undefined : bound(o.end, 'end', 'T23:59:59')
  let cron: Cron
  try {
    cron = new Cron(pattern, { timezone: timeZone, ...(start && { startAt: start }), ...(end && { stopAt: end }), paused: true })
    cron.nextRun(new Date(0))
  } catch (err) {
    const what = /timezone/i.test((err as Error).message) ? `timeZone "${timeZone}" is not an IANA time zone (e.g. Europe/Paris, America/Los_Angeles)` : `cron "${pattern}": ${(err as Error).message}`
    throw new Error(what)
  }
  return {
    cron: pattern,
    timeZone,
    catchUp: o.catchUp ?? 'latest',
    next: (after) => cron.nextRun(after) ?? undefined,
    // slots fall on whole seconds, and croner looks strictly before the second of its reference
    latest: (at) => cron.previousRuns(1, new Date(Math.floor(at.getTime() / 1000) * 1000 + 1000))[0],
    outputs: (slot) => ({ execution_time: slot.toISOString() }),
  }
}

/** `2026-12-01` or `2026-12-01T09:00`, a time in the schedule's time zone. */
function bound(value: string, name: string, time: string): string {
  if (!DATE.test(value)) throw new Error(`${name} must be a date (2026-12-01) or a date and time (2026-12-01T09:00) in the time zone, got "${value}"`)
  return value.includes('T') ? value : `${value}${time}`
}

/** The cron pattern (seconds first) of `every` and the options that go with it. */
function patternOf(o: ScheduleOptions): string {
  const m = /^(?:(\d+)\s+)?(minute|hour|day|week|month)s?$/.exec(o.every!.trim())
  if (!m) throw new Error(`every must be a number and a unit, e.g. "15 minutes", "2 hours", "day", "week", "3 months" (got "${o.every}")`)
  const n = Number(m[1] ?? 1)
  const unit = m[2] as Unit
  if (!STEPS[unit].includes(n)) throw new Error(`every ${n} ${unit}s: Okta offers every ${STEPS[unit].join(', ')} ${unit}(s)`)
  const step = (field: string) => (n === 1 ? field : `${field}/${n}`)
  const days = weekdays(o, unit)
  const hours = hourRange(o, unit)
  switch (unit) {
    case 'minute':
      refuse(o, unit, ['at', 'day'])
      return `0 ${step('*')} ${hours} * * ${days}`
    case 'hour': {
      refuse(o, unit, ['day'])
      const past = o.at === undefined ? '0' : minutePast(o.at)
      return `0 ${past} ${step(hours)} * * ${days}`
    }
    case 'day': {
      refuse(o, unit, ['between', 'day', 'on'])
      const [hh, mm] = timeOf(o.at)
      return `0 ${mm} ${hh} * * *`
    }
    case 'week': {
      refuse(o, unit, ['between', 'day'])
      if (o.on === undefined) throw new Error('every week needs `on`: the days it runs, e.g. [mon, thu]')
      const [hh, mm] = timeOf(o.at)
      return `0 ${mm} ${hh} * * ${days}`
    }
    case 'month': {
      refuse(o, unit, ['between', 'on'])
      const [hh, mm] = timeOf(o.at)
      return `0 ${mm} ${hh} ${o.day ?? 1} ${step('*')} *`
    }
  }
}

function refuse(o: ScheduleOptions, unit: Unit, names: readonly (keyof ScheduleOptions)[]): void {
  const set = names.filter((k) => o[k] !== undefined)
  if (set.length > 0) throw new Error(`${set.map((k) => `\`${k}\``).join(' and ')} do(es) not apply to every ${unit}`)
}

function timeOf(at: string | undefined): [number, number] {
  if (at === undefined) return [0, 0]
  const m = TIME.exec(at)
  if (!m) throw new Error(`at must be a time of day like 09:30 (got "${at}")`)
  return [Number(m[1]), Number(m[2])]
}

function minutePast(at: string): string {
  const m = MINUTE_PAST.exec(at) ?? /^(?:[01]\d|2[0-3]):([0-5]\d)$/.exec(at)
  if (!m) throw new Error(`at, for every N hours, is the minute past the hour like :15 (got "${at}")`)
  return String(Number(m[1]))
}

function weekdays(o: ScheduleOptions, unit: Unit): string {
  if (o.on === undefined) return '*'
  if (o.on.length === 0) throw new Error(`on lists no day: leave it out to run every day, or name days (${DAYS.join(', ')})`)
  if (unit !== 'minute' && unit !== 'hour' && unit !== 'week') return '*'
  return [...new Set(o.on)].map((d) => DAYS.indexOf(d)).sort((a, b) => a - b).join(',')
}

/** `between: 09:00-17:00`: the hours from the first up to (not including) the second, on the hour. */
function hourRange(o: ScheduleOptions, unit: Unit): string {
  if (o.between === undefined) return '*'
  const m = /^(\d{2}):00\s*-\s*(\d{2}):00$/.exec(o.between.trim())
  const from = Number(m?.[1])
  const to = Number(m?.[2])
  if (!m || from > 23 || to > 24 || from >= to) throw new Error(`between must be two whole hours, the first earlier, like 09:00-17:00 (got "${o.between}")`)
  if (unit !== 'minute' && unit !== 'hour') return '*'
  return `${from}-${to - 1}`
}
