import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { isoTime } from '../../engine/history.ts'
import { SEED } from '../reliability/helpers.ts'

describe("a run's start time as text", () => {
  it('is what Date#toISOString gives, across seconds and within one', (t) => {
    let checked = 0
    fc.assert(
      // from before year 0 to past 9999 (six-digit years), and times within the same second
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 - 1000 }), fc.array(fc.integer({ min: 0, max: 999 }), { maxLength: 5 }), (ms, within) => {
        const second = Math.floor(ms / 1000) * 1000
        for (const at of [ms, ...within.map((f) => second + f), ms]) {
          assert.equal(isoTime(new Date(at)), new Date(at).toISOString())
          checked++
        }
      }),
      { numRuns: 500, seed: SEED },
    )
    t.diagnostic(`seed ${SEED}: ${checked} times`)
  })

  it('refuses an invalid date as Date#toISOString does', () => {
    assert.throws(() => isoTime(new Date(Number.NaN)), RangeError)
  })
})
