/** The Number cards on tables of cases beyond their examples, and properties against their arithmetic meaning. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { evaluate } from '../../cards/lib/arithmetic.ts'
import { roundTo } from '../../cards/lib/round.ts'
import add from '../../cards/number/add.ts'
import divide from '../../cards/number/divide.ts'
import factorial from '../../cards/number/factorial.ts'
import multiply from '../../cards/number/multiply.ts'
import remainder from '../../cards/number/remainder.ts'
import round from '../../cards/number/round.ts'
import subtract from '../../cards/number/subtract.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { testCard } from './card-helpers.ts'

type Card = Parameters<typeof testCard>[0]
const out = async (card: Card, inputs: Record<string, unknown>) => (await testCard(card, inputs)).output
const fails = (card: Card, inputs: Record<string, unknown>, message: RegExp) =>
  assert.rejects(testCard(card, inputs), (e: unknown) => e instanceof CardFailedError && message.test(e.message))

describe('Number - Add, Subtract, Multiply, Divide', () => {
  const cases: [Card, Record<string, unknown>, number][] = [
    [add, { a: 0.1, b: 0.2 }, 0.1 + 0.2],
    [add, { a: ' 4 ', b: '-1e3' }, -996],
    [add, { a: 1, b: 2, more: [] }, 3],
    [subtract, { a: 0, b: 0 }, 0],
    [subtract, { a: '10', b: '0.5' }, 9.5],
    [multiply, { a: -2, b: 3, more: ['0.5', 2] }, -6],
    [divide, { a: 1, b: 3 }, 1 / 3],
    [divide, { a: 0, b: -5 }, -0],
  ]
  for (const [card, inputs, expected] of cases) it(`${card.title} of ${JSON.stringify(inputs)} is ${expected}`, async () => assert.equal(await out(card, inputs), expected))

  const refused: [Card, Record<string, unknown>, RegExp][] = [
    [add, { a: 1, b: null }, /input "b": null is not a number/],
    [add, { a: 1, b: 2, more: [3, 'x'] }, /input "more.1": "x" is not a number/],
    [subtract, { a: true, b: 1 }, /input "a": true is not a number/],
    [multiply, { a: [1], b: 1 }, /input "a": \[1\] is not a number/],
    [divide, { a: '', b: 1 }, /input "a": "" is not a number/],
    [divide, { a: 5, b: '0' }, /cannot divide by zero/],
    [add, { a: 1e308, b: 1e308 }, /the total is too large to be a number/],
    [multiply, { a: 1e200, b: 1e200 }, /the product is too large/],
    [divide, { a: 1e308, b: 1e-10 }, /the quotient is too large/],
  ]
  for (const [card, inputs, message] of refused) it(`${card.title} fails on ${JSON.stringify(inputs)}`, () => fails(card, inputs, message))

  it('Add and Multiply agree with the numbers\' sum and product, in any order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 8 }), async (ns) => {
        const [a, b, ...more] = ns
        assert.equal(await out(add, { a, b, more }), ns.reduce((s, n) => s + n, 0))
        assert.equal(await out(multiply, { a, b, more }), ns.reduce((p, n) => p * n, 1))
        const [x, y, ...rest] = [...ns].reverse()
        assert.equal(await out(add, { a: x, b: y, more: rest }), await out(add, { a, b, more }))
      }),
    )
  })

  it('Subtract undoes Add', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.integer(), async (a, b) => {
        assert.equal(await out(subtract, { a: await out(add, { a, b }), b }), a)
      }),
    )
  })
})

describe('Number - Remainder', () => {
  it('number = quotient × divisor + remainder, the remainder smaller than the divisor and signed as the number', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1000, max: 1000 }).filter((d) => d !== 0), async (n, d) => {
        const r = (await out(remainder, { number: n, 'divided by': d })) as number
        assert.ok(Math.abs(r) < Math.abs(d))
        assert.ok((n - r) % d === 0)
        assert.ok(r === 0 || Math.sign(r) === Math.sign(n))
        assert.ok(!Object.is(r, -0))
      }),
    )
  })
  it('works on decimals and numeric text', async () => {
    assert.equal(await out(remainder, { number: '5.5', 'divided by': '2' }), 1.5)
  })
  it('fails on a missing divisor', () => fails(remainder, { number: 5, 'divided by': null }, /input "divided by": null is not a number/))
})

describe('Number - Round', () => {
  const cases: [Record<string, unknown>, number][] = [
    [{ number: 2.5 }, 3],
    [{ number: -2.5 }, -2],
    [{ number: -0.4 }, 0],
    [{ number: 2.345, 'decimal places': 2 }, 2.35],
    [{ number: 1.2345, 'decimal places': 3, round: 'down' }, 1.234],
    [{ number: 1.2341, 'decimal places': 3, round: 'up' }, 1.235],
    [{ number: -1.2341, 'decimal places': 3, round: 'up' }, -1.234],
    [{ number: 1e21, 'decimal places': 2 }, 1e21],
    [{ number: 1e-7, 'decimal places': 2 }, 0],
    [{ number: 123.456, 'decimal places': 15 }, 123.456],
    [{ number: '7' }, 7],
  ]
  for (const [inputs, expected] of cases) it(`${JSON.stringify(inputs)} is ${expected}`, async () => assert.equal(await out(round, inputs), expected))

  it('refuses more than 15 decimal places and an unknown way to round', async () => {
    await assert.rejects(testCard(round, { number: 1, 'decimal places': 16 }), /decimal places/)
    await assert.rejects(testCard(round, { number: 1, round: 'sideways' }), /round/)
  })

  it('lands within half a step of the number, on a multiple of the step, up never below and down never above', async () => {
    await fc.assert(
      fc.asyncProperty(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 6 }), async (n, places) => {
        const step = 10 ** -places
        const nearest = roundTo(n, places)
        const up = roundTo(n, places, 'up')
        const down = roundTo(n, places, 'down')
        const slack = 1e-9 * Math.max(1, Math.abs(n))
        assert.ok(Math.abs(nearest - n) <= step / 2 + slack, `${n} to ${places}: ${nearest}`)
        assert.ok(up >= n - slack && up - n < step + slack, `${n} up: ${up}`)
        assert.ok(down <= n + slack && n - down < step + slack, `${n} down: ${down}`)
        assert.ok(Math.abs(Math.round(nearest / step) * step - nearest) <= slack)
      }),
    )
  })
})

describe('Number - Factorial', () => {
  it('n! = n × (n-1)! up to 170', async () => {
    let previous = 1
    for (let n = 1; n <= 170; n++) {
      const value = (await out(factorial, { number: n })) as number
      assert.equal(value, previous * n)
      previous = value
    }
  })
  for (const bad of [2.5, -3, 171, 1e9]) it(`fails on ${bad}`, () => fails(factorial, { number: bad }, /whole number from 0 to 170/))
  it('fails on text that is not a number', () => fails(factorial, { number: 'five' }, /"five" is not a number/))
})

describe('Number - Formula', () => {
  const values: [string, number][] = [
    ['3! + 0!', 7],
    ['2^3!', 64],
    ['-3^2', -9],
    ['(-3)^2', 9],
    ['ceil(1.2) + floor(-1.2)', 0],
    ['log(8, 2)', 3],
    ['exp(0) + log(1)', 1],
    ['sin(0) + cos(0) + tan(0)', 1],
    ['asin(1) * 2', Math.PI],
    ['acos(1) + atan(0) + sinh(0) + tanh(0)', 0],
    ['cosh(0)', 1],
    ['round(-2.5)', -2],
    ['PI', Math.PI],
    ['2 * pi', 2 * Math.PI],
    ['max(1,2,3) # the largest\n + 1', 4],
    ['1e3 + .5', 1000.5],
  ]
  for (const [source, expected] of values) it(`${JSON.stringify(source)} is ${expected}`, () => assert.deepEqual(evaluate(source), { value: expected }))

  const errors: [string, RegExp][] = [
    ['', /empty/],
    ['abs(1, 2)', /abs takes 1 argument\(s\), not 2/],
    ['pow(2)', /pow takes 2 argument\(s\), not 1/],
    ['round(1.5, 99)', /round: 99 is not a whole number from 0 to 15/],
    ['x + 1', /unknown name "x"/],
    ['toString(1)', /unknown function "toString"/],
    ['hasOwnProperty(1)', /unknown function/],
    ['2.5!', /2.5! needs a whole number/],
    ['171!', /171! needs a whole number/],
    ['sqrt(-1)', /not a finite number/],
    ['1 +', /unexpected end/],
    ['(1', /missing \)/],
    ['max(1,', /unexpected end/],
    ['1 2', /unexpected "2"/],
    ['a.b', /unknown name "a"/],
  ]
  for (const [source, message] of errors) it(`refuses ${JSON.stringify(source)}`, () => assert.match((evaluate(source) as { error: string }).error, message))

  it('random stays between 0 and its bound', () => {
    for (let i = 0; i < 200; i++) {
      const { value } = evaluate('random(10)') as { value: number }
      assert.ok(value >= 0 && value < 10)
      const unit = evaluate('random()') as { value: number }
      assert.ok(unit.value >= 0 && unit.value < 1)
    }
  })

  it('agrees with JavaScript on random sums and products of integers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -99, max: 99 }), { minLength: 1, maxLength: 10 }), fc.array(fc.constantFrom('+', '-', '*'), { minLength: 9, maxLength: 9 }), (ns, ops) => {
        const source = ns.map((n, i) => `${i > 0 ? ` ${ops[i - 1]} ` : ''}(${n})`).join('')
        // the same precedence as JavaScript's for + - *
        assert.deepEqual(evaluate(source), { value: new Function(`return ${source}`)() + 0 })
      }),
    )
  })
})
