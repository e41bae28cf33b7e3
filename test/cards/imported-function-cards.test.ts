/** The kernel function cards imported Okta flows use, with values from the templates' own examples. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import booleanAnd from '../../cards/boolean/and.ts'
import assignIf from '../../cards/control/assign-if.ts'
import dateConvert from '../../cards/date/convert.ts'
import dateFormat from '../../cards/date/format.ts'
import dateSubtract from '../../cards/date/subtract.ts'
import textToDate from '../../cards/date/text-to-date.ts'
import jsonParse from '../../cards/json/parse.ts'
import at from '../../cards/list/at.ts'
import getFirstItem from '../../cards/list/get-first-item.ts'
import pluck from '../../cards/list/pluck.ts'
import sample from '../../cards/list/sample.ts'
import { evaluate } from '../../cards/lib/arithmetic.ts'
import numberAdd from '../../cards/number/add.ts'
import concatenate from '../../cards/text/concatenate.ts'
import findPattern from '../../cards/text/find-pattern.ts'
import replace from '../../cards/text/replace.ts'
import replacePattern from '../../cards/text/replace-pattern.ts'
import segment from '../../cards/text/segment.ts'
import { fakeContext } from './card-helpers.ts'
import { card, runYaml } from '../helpers.ts'

/** Function cards touch nothing: a fake context is all they get. */
const ctx = fakeContext()

describe('Number - Formula', () => {
  it('turns an IPv4 address into its decimal as the CIDR template does', () => {
    assert.deepEqual(evaluate('69 *(256)^3 + 173 * (256)^2 + 64 * (256)^1 + 0 * (256)^0'), { value: 1168982016 })
    assert.deepEqual(evaluate('-2^2 + 10 % 4 / 2'), { value: -3 })
  })
  it('evaluates nothing but arithmetic', () => {
    assert.match((evaluate('process.exit(1)') as { error: string }).error, /unexpected "p"/)
    assert.match((evaluate('1 / 0') as { error: string }).error, /not a finite number/)
    assert.match((evaluate('(1 + 2') as { error: string }).error, /missing \)/)
  })
  it('runs with fields dropped in as references, and names the formula when one is missing', async () => {
    const yaml = `
name: f
trigger: { id: t, card: control.helperFlow, options: { inputs: [a] } }
cards:
  - id: f
    card: number.formula
    inputs: { expression: "{{t.a}} * 2 + 1" }`
    const [run] = await runYaml(yaml, { a: 20 })
    assert.equal(run!.status, 'succeeded', JSON.stringify(run!.error))
    assert.deepEqual(card(run!, 'f').outputs, { output: 41 })
    const [missing] = await runYaml(yaml, {})
    assert.equal(missing!.status, 'failed')
    assert.match(missing!.error!.message, /formula " \* 2 \+ 1"/)
  })
})

describe('text cards', () => {
  it('concatenates, cuts segments, finds and replaces as Okta does', async () => {
    assert.deepEqual(await concatenate.run(ctx, { parts: ['ann', '.', 2] }), { output: 'ann.2' })
    assert.deepEqual(await segment.run(ctx, { string: 'ann.lee4@example.com', start: 0, end: 7 }), { output: 'ann.lee' })
    assert.deepEqual(await segment.run(ctx, { string: 'abc', start: 1 }), { output: 'bc' })
    assert.deepEqual(await findPattern.run(ctx, { string: 'ann.lee42', target: '\\d+$' }), { output: '42' })
    assert.deepEqual(await findPattern.run(ctx, { string: 'ann', target: '\\d+' }), { output: '' })
    assert.deepEqual(await replace.run(ctx, { string: 'a.b.c', src: '.', dest: '-', global: true, sensitive: true }), { output: 'a-b-c' })
    assert.deepEqual(await replacePattern.run(ctx, { text: 'Zoë O\'Neil', patterns: ["'", 'ë'], replacement: '', global: true, 'case sensitive': true }), { output: 'Zo ONeil' })
  })
  it('reports a bad pattern as a card error', async () => {
    await assert.rejects(async () => findPattern.run(ctx, { string: 'x', target: '(' }), /bad pattern/)
  })
})

describe('list and object cards', () => {
  it('reads items, plucks paths, takes the first item and samples without repeats', async () => {
    assert.deepEqual(await at.run(ctx, { list: ['69', '173', '64', '0'], index: 1 }), { item: '173' })
    assert.deepEqual(await at.run(ctx, { list: [], index: 3 }), { item: null })
    const users = [{ 'Raw Output': { profile: { email: 'a@x' } } }, { 'Raw Output': {} }]
    assert.deepEqual(await pluck.run(ctx, { list: users, key: 'Raw Output.profile.email' }), { values: ['a@x', null] })
    assert.deepEqual(await getFirstItem.run(ctx, { list: [1, 2, 3] }), { item: 1, list: [2, 3] })
    const { samples } = await sample.run(ctx, { list: [1, 2, 3, 4], amount: 3 })
    assert.equal(new Set(samples).size, 3)
    assert.ok(samples.every((s) => [1, 2, 3, 4].includes(s as number)))
  })
})

describe('JSON, numbers and true/false', () => {
  it('parses JSON text and passes parsed values through', async () => {
    assert.deepEqual(await jsonParse.run(ctx, { string: '{"a":[1]}' }), { output: { a: [1] } })
    assert.deepEqual(await jsonParse.run(ctx, { string: { a: 1 } }), { output: { a: 1 } })
    await assert.rejects(async () => jsonParse.run(ctx, { string: '{oops' }), /not JSON/)
  })
  it('adds numeric text, and refuses what is not a number', async () => {
    assert.deepEqual(await numberAdd.run(ctx, { a: '41', b: 1 }), { output: 42 })
    await assert.rejects(async () => numberAdd.run(ctx, { a: 'x', b: 1 }), /input "a": "x" is not a number/)
  })
  it('assigns by a comparison and ands loose booleans', async () => {
    assert.deepEqual(await assignIf.run(ctx, { a: 'example.com', operator: 'equal', b: 'example.com', valueIfTrue: true, valueIfFalse: false }), { output: true })
    assert.deepEqual(await booleanAnd.run(ctx, { a: true, b: 'true' }), { output: true })
    assert.deepEqual(await booleanAnd.run(ctx, { a: true, b: 'no' }), { output: false })
  })
})

describe('date cards', () => {
  it('reads dates in Moment formats and epoch milliseconds', async () => {
    assert.deepEqual(await textToDate.run(ctx, { start: '11/20/2026', format: 'MM/DD/Y' }), { output: '2026-11-20T00:00:00.000Z' })
    assert.deepEqual(await textToDate.run(ctx, { start: '1700000000000', format: 'x' }), { output: '2023-11-14T22:13:20.000Z' })
    await assert.rejects(async () => textToDate.run(ctx, { start: 'soon', format: 'MM/DD/Y' }), /"soon" is not a date in format MM\/DD\/Y/)
  })
  it('writes dates in a format and time zone, converts and subtracts', async () => {
    assert.deepEqual(await dateFormat.run(ctx, { start: '2026-11-20T10:02:44Z', format: 'MM/DD/Y HH:mm', zone: 'Etc/UTC' }), { output: '11/20/2026 10:02' })
    assert.deepEqual(await dateFormat.run(ctx, { start: '2026-11-20T10:02:44Z', format: 'YYYY-MM-DD HH:mm Z', zone: 'America/New_York' }), { output: '2026-11-20 05:02 -05:00' })
    assert.deepEqual(await dateFormat.run(ctx, { start: '2026-11-20T10:02:44Z', format: 'dddd, MMMM D, YYYY h:mm A [UTC]', zone: 'UTC' }), { output: 'Friday, November 20, 2026 10:02 AM UTC' })
    assert.deepEqual(await textToDate.run(ctx, { start: 'Nov 20, 2026 3:04 PM', format: 'MMM D, YYYY h:mm A' }), { output: '2026-11-20T15:04:00.000Z' })
    const c = await dateConvert.run(ctx, { start: '2026-11-20T10:02:44.901Z' })
    assert.equal(c.unix, 1795168964901)
    assert.equal(c.epoch, 1795168964)
    // Okta: iso is ISO 8601 in UTC without fractional seconds; date keeps them
    assert.equal(c.iso, '2026-11-20T10:02:44Z')
    assert.equal(c.date, '2026-11-20T10:02:44.901Z')
    assert.deepEqual(await dateSubtract.run(ctx, { start: '2026-11-20T10:00:00Z', scale: 30, unit: 'days' }), { output: '2026-10-21T10:00:00.000Z' })
  })
})

describe('Assign', () => {
  it('names values for later cards', async () => {
    const [run] = await runYaml(
      `
name: a
trigger: { id: t, card: control.helperFlow }
cards:
  - id: bounds
    card: control.assign
    inputs: { values: { lower Bound: 69.173.64.0, upper Bound: 69.173.127.255 } }
  - id: show
    card: text.compose
    inputs: { text: "{{bounds.lower Bound}}-{{bounds.upper Bound}}" }`,
      {},
    )
    assert.equal(card(run!, 'show').outputs.output, '69.173.64.0-69.173.127.255')
  })
})
