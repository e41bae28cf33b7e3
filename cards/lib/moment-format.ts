/**
 * Okta's date cards take Moment-style formats (`YYYY-MM-DD`, `MMMM D, YYYY h:mm A`, `x` for epoch
 * ms, `X` for epoch seconds) and IANA time zones. Day.js speaks the same format language, so it
 * does the formatting and strict parsing; this module only adapts Okta's spellings to it.
 */
import dayjs from 'dayjs'
import advancedFormat from 'dayjs/plugin/advancedFormat.js'
import customParseFormat from 'dayjs/plugin/customParseFormat.js'
import timezone from 'dayjs/plugin/timezone.js'
import utc from 'dayjs/plugin/utc.js'
import { CardFailedError } from '../../engine/errors.ts'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.extend(customParseFormat)
dayjs.extend(advancedFormat)

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT'])

/** Moment reads a lone `Y` as the full year; Day.js wants `YYYY`. Text in [brackets] is left alone. */
function toDayjs(format: string): string {
  return format.replace(/\[[^\]]*\]|Y+/g, (t) => (t === 'Y' ? 'YYYY' : t))
}

export function formatDate(date: Date, format: string, zone: string | undefined, cardId: string): string {
  if (!zone || UTC_ZONES.has(zone)) return dayjs.utc(date).format(toDayjs(format))
  try {
    return dayjs(date).tz(zone).format(toDayjs(format))
  } catch {
    throw new CardFailedError(`unknown time zone "${zone}"`, cardId)
  }
}

/** Reads `text` written in `format` (UTC), strictly. Without a format, ISO 8601 or epoch milliseconds. */
export function parseDate(text: unknown, format: string | undefined, cardId: string): Date {
  const s = String(text ?? '').trim()
  const bad = () => new CardFailedError(`"${s}" is not a date${format ? ` in format ${format}` : ''}`, cardId)
  if (s === '') throw bad()
  if (!format) {
    const d = /^-?\d+$/.test(s) ? new Date(Number(s)) : new Date(s)
    if (Number.isNaN(d.getTime())) throw bad()
    return d
  }
  if (format === 'x' || format === 'X') {
    if (!/^-?\d+(\.\d+)?$/.test(s)) throw bad()
    return new Date(Number(s) * (format === 'X' ? 1000 : 1))
  }
  const parsed = dayjs.utc(s, toDayjs(format), true)
  if (!parsed.isValid()) throw bad()
  return parsed.toDate()
}
