/** The Text cards on tables of cases beyond their examples, and properties where a card has a reference meaning. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import base64Decode from '../../cards/text/base64-decode.ts'
import base64Encode from '../../cards/text/base64-encode.ts'
import capitalize from '../../cards/text/capitalize.ts'
import concatenate from '../../cards/text/concatenate.ts'
import find from '../../cards/text/find.ts'
import length from '../../cards/text/length.ts'
import segment from '../../cards/text/segment.ts'
import trim from '../../cards/text/trim.ts'
import upperCase from '../../cards/text/upper-case.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { testCard } from './card-helpers.ts'

const out = async (card: Parameters<typeof testCard>[0], inputs: Record<string, unknown>) => (await testCard(card, inputs)).output
const lengthOf = async (string: unknown) => (await out(length, { string })) as number

describe('Text - Length', () => {
  const cases: [unknown, number][] = [['abc', 3], ['', 0], [null, 0], [' a b ', 5], [42, 2], [true, 4], [['a'], 5], [{ a: 1 }, 7], ['é', 1], ['😀', 2]]
  for (const [string, expected] of cases) it(`${JSON.stringify(string)} has length ${expected}`, async () => assert.equal(await out(length, { string }), expected))

  it('the length of a concatenation is the sum of the lengths', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (a, b) => {
        const joined = await out(concatenate, { parts: [a, b] })
        assert.equal(await lengthOf(joined), (await lengthOf(a)) + (await lengthOf(b)))
      }),
    )
  })
})

describe('Text - Uppercase, Trim, Capitalize', () => {
  const cases: [Parameters<typeof testCard>[0], unknown, string][] = [
    [upperCase, 'straße', 'STRASSE'],
    [upperCase, 12.5, '12.5'],
    [upperCase, '', ''],
    [trim, '\u00a0 x \u2003', 'x'],
    [trim, 'a\n', 'a'],
    [trim, 7, '7'],
    [capitalize, 'élodie', 'Élodie'],
    [capitalize, 'a', 'A'],
    [capitalize, '', ''],
    [capitalize, ' ann', ' ann'],
    [capitalize, '𝒶bc', '𝒶bc'],
  ]
  for (const [card, string, expected] of cases) it(`${card.title} of ${JSON.stringify(string)} is ${JSON.stringify(expected)}`, async () => assert.equal(await out(card, { string }), expected))

  it('trim and capitalize change nothing the second time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (s) => {
        for (const card of [trim, capitalize, upperCase]) {
          const once = await out(card, { string: s })
          assert.equal(await out(card, { string: once }), once, card.title)
        }
      }),
    )
  })
})

describe('Text - Find', () => {
  const cases: [Record<string, unknown>, number][] = [
    [{ string: 'abcabc', target: 'c' }, 2],
    [{ string: 'abc', target: '' }, 0],
    [{ string: '', target: 'x' }, -1],
    [{ string: 'abc', target: 'ABC' }, -1],
    [{ string: 12345, target: 34 }, 2],
    [{ string: 'a.b', target: '.' }, 1],
    [{ string: 'a', target: null }, 0],
  ]
  for (const [inputs, expected] of cases) it(`${JSON.stringify(inputs)} gives ${expected}`, async () => assert.equal(await out(find, inputs), expected))

  it('finds what Text Segment cuts out at that position, and nothing earlier', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), fc.string({ minLength: 1, maxLength: 3 }), async (string, target) => {
        const at = (await out(find, { string, target })) as number
        if (at === -1) return assert.ok(!string.includes(target))
        assert.equal(await out(segment, { string, start: at, end: at + target.length }), target)
        assert.ok(!string.slice(0, at + target.length - 1).includes(target))
      }),
    )
  })
})

describe('Text - Base64 Encode and Decode', () => {
  it('decode gives back what encode was given, in both alphabets', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), fc.boolean(), async (s, urlSafe) => {
        const encoded = await out(base64Encode, { string: s, 'url safe': urlSafe })
        assert.equal(await out(base64Decode, { string: encoded }), s)
      }),
    )
  })

  const decoded: [unknown, string][] = [['', ''], [null, ''], ['aGk', 'hi'], ['aG\nk=', 'hi'], ['  aGk=  ', 'hi']]
  for (const [string, expected] of decoded) it(`decodes ${JSON.stringify(string)} to ${JSON.stringify(expected)}`, async () => assert.equal(await out(base64Decode, { string }), expected))

  for (const bad of ['a', 'ab=c', '====a', 'a*bc', 'aGk==='])
    it(`refuses ${JSON.stringify(bad)} as not Base64, saying so`, async () => {
      await assert.rejects(testCard(base64Decode, { string: bad }), (e: unknown) => e instanceof CardFailedError && /is not Base64/.test(e.message))
    })

  it('reads a long text that is not Base64 at once, quoting only its start', async () => {
    const long = `${'A'.repeat(200_000)}!`
    await assert.rejects(testCard(base64Decode, { string: long }), (e: unknown) => e instanceof CardFailedError && e.message.length < 120)
  })
})
