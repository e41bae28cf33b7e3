/** The True/False cards: Okta's loose booleans, and And/Or/Not against their logical meaning. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import and from '../../cards/boolean/and.ts'
import not from '../../cards/boolean/not.ts'
import or from '../../cards/boolean/or.ts'
import { truthy } from '../../cards/lib/truthy.ts'
import { testCard } from './card-helpers.ts'

type Card = Parameters<typeof testCard>[0]
const out = async (card: Card, inputs: Record<string, unknown>) => (await testCard(card, inputs)).output

describe('Okta\'s loose booleans', () => {
  const cases: [unknown, boolean][] = [
    [true, true], ['true', true], ['TRUE', true], ['Yes', true], [' yes ', true],
    [false, false], ['false', false], ['no', false], ['', false], [null, false], [undefined, false], [1, false], [0, false], ['1', false], [[true], false], [{}, false],
  ]
  for (const [value, expected] of cases) it(`${JSON.stringify(value)} is ${expected}`, () => assert.equal(truthy(value), expected))
})

describe('True/False - And, Or, Not', () => {
  const loose = fc.constantFrom<unknown>(true, false, 'true', 'false', 'yes', 'no', null, '', 1, 0)

  it('And is true when every input is, Or when one is, over any number of inputs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(loose, { minLength: 2, maxLength: 8 }), async (values) => {
        const [a, b, ...more] = values
        assert.equal(await out(and, { a, b, more }), values.every(truthy))
        assert.equal(await out(or, { a, b, more }), values.some(truthy))
      }),
    )
  })

  it('Not flips, and De Morgan holds: not(a and b) = not a or not b', async () => {
    await fc.assert(
      fc.asyncProperty(loose, loose, async (a, b) => {
        const notA = await out(not, { value: a })
        assert.equal(notA, !truthy(a))
        const left = await out(not, { value: await out(and, { a, b }) })
        const right = await out(or, { a: notA, b: await out(not, { value: b }) })
        assert.equal(left, right)
      }),
    )
  })

  it('refuses a `more` that is not a list', async () => {
    await assert.rejects(testCard(and, { a: true, b: true, more: true }), /more/)
  })
})
