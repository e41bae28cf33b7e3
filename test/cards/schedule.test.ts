/**
 * Scheduled Flow's options: Okta's frequencies as cron patterns, the fire times croner gives for
 * them (time zones and daylight-saving changes included), and clear errors for options that make
 * no schedule. The engine that fires them is tested in test/server/schedule.test.ts.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { scheduleOf, scheduleProblems, type ScheduleOptions } from '../../cards/lib/schedule.ts'

const next = (o: ScheduleOptions, after: string, n = 3): string[] => {
  const s = scheduleOf(o)!
  const out: string[] = []
  for (let at = s.next(new Date(after)); at && out.length < n; at = s.next(at)) out.push(at.toISOString())
  return out
}

describe('Scheduled Flow options', () => {
  it('turns each of Okta\'s frequencies into a cron pattern', () => {
    const cron = (o: ScheduleOptions) => scheduleOf(o)?.cron
    assert.equal(cron({ every: '15 minutes' }), '0 */15 * * * *')
    assert.equal(cron({ every: '15 minutes', between: '09:00-17:00', on: ['fri', 'mon'] }), '0 */15 9-16 * * 1,5')
    assert.equal(cron({ every: '2 hours', at: ':30' }), '0 30 */2 * * *')
    assert.equal(cron({ every: 'hour', between: '08:00-18:00' }), '0 0 8-17 * * *')
    assert.equal(cron({ every: 'day', at: '06:00' }), '0 0 6 * * *')
    assert.equal(cron({ every: 'week', at: '09:15', on: ['mon', 'thu'] }), '0 15 9 * * 1,4')
    assert.equal(cron({ every: '3 months', at: '09:00', day: 1 }), '0 0 9 1 */3 *')
    assert.equal(cron({ cron: '0 5 0 */1 * *' }), '0 5 0 */1 * *')
    assert.equal(scheduleOf({}), undefined, 'no every and no cron: no schedule')
  })

  it('fires at its times in its time zone', () => {
    assert.deepEqual(next({ every: '15 minutes', between: '09:00-17:00' }, '2026-11-20T16:40:00Z', 3), ['2026-11-20T16:45:00.000Z', '2026-11-21T09:00:00.000Z', '2026-11-21T09:15:00.000Z'])
    assert.deepEqual(next({ every: 'day', at: '06:00', timeZone: 'Europe/Paris' }, '2026-11-20T12:00:00Z', 1), ['2026-11-21T05:00:00.000Z'])
    assert.deepEqual(next({ every: 'week', at: '09:00', on: ['mon'] }, '2026-11-20T00:00:00Z', 2), ['2026-11-23T09:00:00.000Z', '2026-11-30T09:00:00.000Z'])
  })

  it('fires once on the days clocks change: a skipped time at the next instant, a doubled time once', () => {
    const ny = (at: string) => ({ every: 'day', at, timeZone: 'America/New_York' }) as const
    // 2026-03-08: 02:00 EST becomes 03:00 EDT, so 02:30 does not exist that day
    assert.deepEqual(next(ny('02:30'), '2026-03-07T12:00:00Z', 3), ['2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z'])
    // 2026-11-01: 02:00 EDT becomes 01:00 EST, so 01:30 happens twice; it fires at the first
    assert.deepEqual(next(ny('01:30'), '2026-10-31T12:00:00Z', 3), ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z', '2026-11-03T06:30:00.000Z'])
  })

  it('fires only between its start and end', () => {
    assert.deepEqual(next({ every: 'day', at: '09:00', start: '2026-12-01', end: '2026-12-02' }, '2026-11-01T00:00:00Z', 5), ['2026-12-01T09:00:00.000Z', '2026-12-02T09:00:00.000Z'])
    assert.equal(scheduleOf({ every: 'day', end: '2026-01-01' })!.next(new Date('2026-06-01T00:00:00Z')), undefined)
  })

  it('gives the latest slot at or before a time', () => {
    const s = scheduleOf({ every: '5 minutes' })!
    assert.equal(s.latest(new Date('2026-11-20T10:05:00Z'))?.toISOString(), '2026-11-20T10:05:00.000Z')
    assert.equal(s.latest(new Date('2026-11-20T10:09:59Z'))?.toISOString(), '2026-11-20T10:05:00.000Z')
    assert.deepEqual(s.outputs(new Date('2026-11-20T10:05:00Z')), { execution_time: '2026-11-20T10:05:00.000Z' })
  })

  it('says what is wrong with options that make no schedule', () => {
    const problem = (o: ScheduleOptions) => scheduleProblems(o).join('; ')
    assert.match(problem({ every: 'fortnight' }), /every must be a number and a unit/)
    assert.match(problem({ every: '7 minutes' }), /every 7 minutes: Okta offers every 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 minute/)
    assert.match(problem({ every: 'week' }), /every week needs `on`/)
    assert.match(problem({ every: 'day', at: '25:00' }), /at must be a time of day like 09:30 \(got "25:00"\)/)
    assert.match(problem({ every: 'day', on: ['mon'] }), /`on` do\(es\) not apply to every day/)
    assert.match(problem({ every: 'day', cron: '* * * * *' }), /set `every` or `cron`, not both/)
    assert.match(problem({ cron: 'every day' }), /cron "every day"/)
    assert.match(problem({ every: 'day', timeZone: 'Mars/Olympus' }), /timeZone "Mars\/Olympus" is not an IANA time zone/)
    assert.match(problem({ every: 'day', start: 'tomorrow' }), /start must be a date/)
    assert.match(problem({ every: '15 minutes', between: '17:00-09:00' }), /between must be two whole hours, the first earlier/)
    assert.deepEqual(scheduleProblems({ schedule: 'every day at 06:00 UTC' }), [], 'a note alone is no schedule and no problem')
  })
})
