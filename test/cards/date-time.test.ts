/**
 * Date & Time cards against Okta's documented examples, and property tests against a reference:
 * calendar months computed from Date.UTC alone (not Day.js), fixed units as milliseconds.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import add from '../../cards/date/add.ts'
import convert from '../../cards/date/convert.ts'
import difference from '../../cards/date/difference.ts'
import subtract from '../../cards/date/subtract.ts'
import { fakeContext, testCard } from './card-helpers.ts'
import { SEED } from '../seed.ts'

const ctx = fakeContext()
const FIXED = { milliseconds: 1, seconds: 1e3, minutes: 6e4, hours: 3.6e6, days: 8.64e7, weeks: 6.048e8 } as const

/** Moment's month arithmetic, from first principles: same day of month, clamped to the target month's length. */
function addMonthsReference(iso: string, months: number): string {
  const d = new Date(iso)
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months
  const year = Math.floor(total / 12)
  const month = total - year * 12
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const t = new Date(Date.UTC(year, month, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()))
  // Date.UTC maps years 0–99 to 1900–1999
  t.setUTCFullYear(year)
  return t.toISOString()
}

const dates = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString())

describe('Date & Time - Add and Subtract', () => {
  const table: [string, number | undefined, string, string][] = [
    ['2016-09-05T00:00:00Z', 2, 'weeks', '2016-09-19T00:00:00.000Z'],
    ['2016-09-19T09:00:00Z', 8, 'hours', '2016-09-19T17:00:00.000Z'],
    ['2023-01-31T00:00:00Z', 1, 'months', '2023-02-28T00:00:00.000Z'],
    ['2024-02-29T12:00:00Z', 1, 'years', '2025-02-28T12:00:00.000Z'],
    ['2024-02-29T12:00:00Z', 4, 'years', '2028-02-29T12:00:00.000Z'],
    ['2026-01-01T00:00:00Z', -1, 'days', '2025-12-31T00:00:00.000Z'],
    ['2026-01-01T00:00:00Z', 1.5, 'hours', '2026-01-01T01:30:00.000Z'],
    ['2026-01-01T00:00:00Z', undefined, 'days', '2026-01-01T00:00:00.000Z'],
    [String(Date.UTC(2026, 0, 1)), 1, 'seconds', '2026-01-01T00:00:01.000Z'],
  ]
  for (const [start, scale, unit, output] of table) {
    it(`adds ${scale} ${unit} to ${start}`, async () => {
      assert.deepEqual(await testCard(add, { start, scale, unit }, ctx), { output })
    })
  }
  it('subtracting is adding the opposite amount', async () => {
    assert.deepEqual(await testCard(subtract, { start: '2026-03-31T12:00:00Z', scale: 1, unit: 'months' }, ctx), { output: '2026-02-28T12:00:00.000Z' })
    assert.deepEqual(await testCard(subtract, { start: '2026-01-01T00:00:00Z', scale: -2, unit: 'weeks' }, ctx), { output: '2026-01-15T00:00:00.000Z' })
  })
  it('refuses a unit Okta does not offer, and a date out of range', async () => {
    await assert.rejects(testCard(add, { start: '2026-01-01T00:00:00Z', scale: 1, unit: 'fortnights' }, ctx), /unit/)
    await assert.rejects(testCard(add, { start: '2026-01-01T00:00:00Z', scale: 1e12, unit: 'weeks' }, ctx), /out of range/)
  })

  it('adds calendar months and years as Moment does (property, against a Date.UTC reference)', async () => {
    await fc.assert(
      fc.asyncProperty(dates, fc.integer({ min: -600, max: 600 }), fc.boolean(), async (start, n, years) => {
        const { output } = await add.run(ctx, { start, scale: n, unit: years ? 'years' : 'months' })
        assert.equal(output, addMonthsReference(start, years ? n * 12 : n))
      }),
      { seed: SEED },
    )
  })

  it('moves by fixed units exactly, and Subtract undoes Add (property)', async () => {
    const units = fc.constantFrom(...(Object.keys(FIXED) as (keyof typeof FIXED)[]))
    await fc.assert(
      fc.asyncProperty(dates, fc.integer({ min: -10_000, max: 10_000 }), units, async (start, n, unit) => {
        const { output } = await add.run(ctx, { start, scale: n, unit })
        assert.equal(Date.parse(output) - Date.parse(start), n * FIXED[unit])
        assert.equal((await subtract.run(ctx, { start: output, scale: n, unit })).output, new Date(start).toISOString())
      }),
      { seed: SEED },
    )
  })
})

describe('Date & Time - Difference', () => {
  it('gives every unit of Okta’s page', async () => {
    const out = await testCard(difference, { end: '2026-01-02T00:00:00Z', start: '2026-01-01T00:00:00Z' }, ctx)
    assert.deepEqual({ ...out, months: undefined, years: undefined }, { days: 1, hours: 24, minutes: 1440, seconds: 86400, milliseconds: 86_400_000, months: undefined, years: undefined })
  })
  it('counts whole calendar months as whole, whatever their length', async () => {
    const out = await testCard(difference, { end: '2026-03-15T00:00:00Z', start: '2026-01-15T00:00:00Z' }, ctx)
    assert.equal(out.months, 2)
    assert.equal(out.years, 2 / 12)
    assert.equal((await testCard(difference, { end: '2027-02-28T00:00:00Z', start: '2026-02-28T00:00:00Z' }, ctx)).years, 1)
  })
  it('truncates seconds toward zero and keeps milliseconds', async () => {
    const out = await testCard(difference, { end: '2026-01-01T00:00:00Z', start: '2026-01-01T00:00:01.999Z' }, ctx)
    assert.equal(out.seconds, -1)
    assert.equal(out.milliseconds, -1999)
  })
  it('is the amount Add moved by (property)', async () => {
    await fc.assert(
      fc.asyncProperty(dates, fc.integer({ min: -5000, max: 5000 }), async (start, n) => {
        const { output } = await add.run(ctx, { start, scale: n, unit: 'hours' })
        const d = await difference.run(ctx, { end: output, start })
        assert.equal(d.hours, n)
        assert.equal(d.milliseconds, n * 3.6e6)
        const m = await difference.run(ctx, { end: (await add.run(ctx, { start, scale: n, unit: 'months' })).output, start })
        // a clamped month end (Jan 31 + 1 month = Feb 28) can fall short of a whole month, never past it
        assert.ok(Math.abs(m.months) <= Math.abs(n) + 1e-9 && Math.abs(m.months) > Math.abs(n) - 1, `${start} +${n} months gave ${m.months}`)
      }),
      { seed: SEED },
    )
  })
})

describe('Date & Time - Convert', () => {
  it('gives Okta’s documented forms', async () => {
    assert.deepEqual(await testCard(convert, { start: '2016-09-07T00:01:25.670Z' }, ctx), {
      date: '2016-09-07T00:01:25.670Z',
      iso: '2016-09-07T00:01:25Z',
      epoch: 1473206485,
      unix: 1473206485670,
      human: 'Wed, September 7th at 12:01 AM',
      custom: '2016-09-07T00:01:25.670Z',
    })
  })
  it('keeps epoch, unix and iso consistent (property)', async () => {
    await fc.assert(
      fc.asyncProperty(dates, async (start) => {
        const c = await convert.run(ctx, { start })
        assert.equal(c.unix, Date.parse(start))
        assert.equal(c.epoch, Math.floor(c.unix / 1000))
        assert.equal(Date.parse(c.iso), c.epoch * 1000)
      }),
      { seed: SEED },
    )
  })
})
