/**
 * Okta's date cards take Moment-style format tokens (`YYYY-MM-DD`, `MM/DD/Y`, `x` for epoch ms,
 * `X` for epoch seconds). This covers the tokens the public templates use, in UTC or an IANA zone.
 */
import { CardFailedError } from '../../engine/errors.ts'

const TOKENS = /\[[^\]]*\]|YYYY|Y|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|SSS|A|a|ZZ|Z|x|X/g

interface Parts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  ms: number
  offsetMin: number
}

function partsIn(date: Date, zone: string | undefined): Parts {
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') {
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds(), ms: date.getUTCMilliseconds(), offsetMin: 0 }
  }
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
  const get = (t: string) => Number(fmt.formatToParts(date).find((p) => p.type === t)?.value)
  const p = { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second'), ms: date.getUTCMilliseconds() }
  const offsetMin = Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms) - date.getTime()) / 60000)
  return { ...p, offsetMin }
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0')

function offset(min: number, colon: boolean): string {
  const sign = min < 0 ? '-' : '+'
  return `${sign}${pad(Math.trunc(Math.abs(min) / 60))}${colon ? ':' : ''}${pad(Math.abs(min) % 60)}`
}

export function formatDate(date: Date, format: string, zone: string | undefined, cardId: string): string {
  let p: Parts
  try {
    p = partsIn(date, zone)
  } catch {
    throw new CardFailedError(`unknown time zone "${zone}"`, cardId)
  }
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12
  return format.replace(TOKENS, (t) => {
    switch (t) {
      case 'YYYY':
      case 'Y':
        return String(p.year)
      case 'MM':
        return pad(p.month)
      case 'M':
        return String(p.month)
      case 'DD':
        return pad(p.day)
      case 'D':
        return String(p.day)
      case 'HH':
        return pad(p.hour)
      case 'H':
        return String(p.hour)
      case 'hh':
        return pad(h12)
      case 'h':
        return String(h12)
      case 'mm':
        return pad(p.minute)
      case 'm':
        return String(p.minute)
      case 'ss':
        return pad(p.second)
      case 's':
        return String(p.second)
      case 'SSS':
        return pad(p.ms, 3)
      case 'A':
        return p.hour < 12 ? 'AM' : 'PM'
      case 'a':
        return p.hour < 12 ? 'am' : 'pm'
      case 'Z':
        return offset(p.offsetMin, true)
      case 'ZZ':
        return offset(p.offsetMin, false)
      case 'x':
        return String(date.getTime())
      case 'X':
        return String(Math.floor(date.getTime() / 1000))
      default:
        return t.slice(1, -1)
    }
  })
}

/** Reads `text` written in `format` (UTC). Without a format, ISO 8601 or epoch milliseconds. */
export function parseDate(text: unknown, format: string | undefined, cardId: string): Date {
  const s = String(text ?? '').trim()
  const bad = () => new CardFailedError(`"${s}" is not a date${format ? ` in format ${format}` : ''}`, cardId)
  if (!format) {
    const d = /^-?\d+$/.test(s) ? new Date(Number(s)) : new Date(s)
    if (Number.isNaN(d.getTime()) || s === '') throw bad()
    return d
  }
  if (format === 'x' || format === 'X') {
    if (!/^-?\d+(\.\d+)?$/.test(s)) throw bad()
    return new Date(Number(s) * (format === 'X' ? 1000 : 1))
  }
  const names: string[] = []
  const pattern = format.replace(/[.*+?^${}()|\\]/g, '\\$&').replace(TOKENS, (t) => {
    if (t.startsWith('[')) return t.slice(1, -1)
    names.push(t)
    return t === 'A' || t === 'a' ? '([AaPp][Mm])' : t === 'Z' || t === 'ZZ' ? '([+-]\\d\\d:?\\d\\d|Z)' : '(\\d+)'
  })
  const m = new RegExp(`^${pattern}$`).exec(s)
  if (!m) throw bad()
  const v: Record<string, string> = {}
  names.forEach((n, i) => {
    v[n] = m[i + 1] ?? ''
  })
  const num = (...keys: string[]) => Number(keys.map((k) => v[k]).find((x) => x !== undefined) ?? 0)
  let hour = num('HH', 'H', 'hh', 'h')
  const ampm = (v.A ?? v.a ?? '').toLowerCase()
  if (ampm === 'pm' && hour < 12) hour += 12
  if (ampm === 'am' && hour === 12) hour = 0
  const month = v.MM ?? v.M
  const day = v.DD ?? v.D
  const ms = Date.UTC(num('YYYY', 'Y'), month === undefined ? 0 : Number(month) - 1, day === undefined ? 1 : Number(day), hour, num('mm', 'm'), num('ss', 's'), num('SSS'))
  const d = new Date(ms)
  if (Number.isNaN(d.getTime())) throw bad()
  return d
}
