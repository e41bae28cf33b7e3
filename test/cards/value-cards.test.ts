/**
 * JSON - Stringify, List - Length, Number - Multiply, Text - Lowercase, Date & Time - Now and
 * Object - Get, each run in a flow (through the registry, as `flow test` runs them), with the
 * values their descriptions promise.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { card, runYaml } from '../helpers.ts'

/** A helper flow taking `value`, with the given cards; runs it on `value` and gives the run. */
async function runOn(value: unknown, cards: string, now?: Date) {
  const yaml = `name: t\ntrigger: { id: t, card: control.helperFlow, options: { inputs: [value] } }\ncards:\n${cards}`
  const [run] = await runYaml(yaml, { value }, { dryRun: true, ...(now && { now: () => now }) })
  assert.ok(run, 'the flow ran')
  return run
}

describe('JSON - Stringify', () => {
  it('turns any value into JSON text, and a missing one into null', async () => {
    const step = '  - { id: s, card: json.stringify, inputs: { object: "{{t.value}}" } }\n'
    assert.deepEqual(card(await runOn({ a: [1, 'x'], b: null }, step), 's').outputs, { output: '{"a":[1,"x"],"b":null}' })
    assert.deepEqual(card(await runOn('text', step), 's').outputs, { output: '"text"' })
    assert.deepEqual(card(await runOn(null, step), 's').outputs, { output: 'null' })
  })
})

describe('List - Length', () => {
  it('counts the items, and 0 for a missing list', async () => {
    const step = '  - { id: n, card: list.length, inputs: { list: "{{t.value}}" } }\n'
    assert.deepEqual(card(await runOn(['a', { b: 1 }, null], step), 'n').outputs, { length: 3 })
    assert.deepEqual(card(await runOn([], step), 'n').outputs, { length: 0 })
    assert.deepEqual(card(await runOn(null, step), 'n').outputs, { length: 0 })
  })

  it('fails the card when given something that is not a list', async () => {
    const run = await runOn('abc', '  - { id: n, card: list.length, inputs: { list: "{{t.value}}" } }\n')
    assert.equal(run.status, 'failed')
    assert.equal(run.error?.code, 'CARD_INPUT')
    assert.equal(run.error?.cardId, 'n')
  })
})

describe('Number - Multiply', () => {
  it('multiplies numbers and numeric text', async () => {
    const step = '  - { id: m, card: number.multiply, inputs: { a: "{{t.value}}", b: 2.5 } }\n'
    assert.deepEqual(card(await runOn(4, step), 'm').outputs, { output: 10 })
    assert.deepEqual(card(await runOn('3', step), 'm').outputs, { output: 7.5 })
    assert.deepEqual(card(await runOn(-2, step), 'm').outputs, { output: -5 })
  })

  it('refuses what is not a number, naming the input', async () => {
    const run = await runOn('many', '  - { id: m, card: number.multiply, inputs: { a: 2, b: "{{t.value}}" } }\n')
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /input "b": "many" is not a number/)
  })
})

describe('Text - Lowercase', () => {
  it('lowers the case of text, and turns other values into text first', async () => {
    const step = '  - { id: l, card: text.lowerCase, inputs: { string: "{{t.value}}" } }\n'
    assert.deepEqual(card(await runOn('Ann.LEE@Example.COM', step), 'l').outputs, { output: 'ann.lee@example.com' })
    assert.deepEqual(card(await runOn('ÅNGSTRÖM', step), 'l').outputs, { output: 'ångström' })
    assert.deepEqual(card(await runOn(42, step), 'l').outputs, { output: '42' })
  })
})

describe('Date & Time - Now', () => {
  it('gives the run clock\'s time in UTC, as ISO 8601 and in parts', async () => {
    const run = await runOn(null, '  - { id: now, card: date.now }\n', new Date('2026-11-20T10:02:44.901Z'))
    assert.deepEqual(card(run, 'now').outputs, {
      date: '2026-11-20T10:02:44.901Z',
      iso: '2026-11-20T10:02:44.901Z',
      full: '2026-11-20',
      time: '10:02:44',
      year: 2026,
      month: 11,
      day: 20,
      hour: 10,
      minute: 2,
      second: 44,
      millisecond: 901,
    })
  })
})

describe('Object - Get', () => {
  const user = { profile: { login: 'ann@example.com' }, groups: [{ id: '00g1' }, { id: '00g2' }] }
  const get = (path: string) => `  - { id: g, card: object.get, inputs: { object: "{{t.value}}", path: "${path}" } }\n`

  it('reads a key, a dot path and a list index, and gives null when missing', async () => {
    assert.deepEqual(card(await runOn(user, get('profile.login')), 'g').outputs, { output: 'ann@example.com' })
    assert.deepEqual(card(await runOn(user, get('groups.1.id')), 'g').outputs, { output: '00g2' })
    assert.deepEqual(card(await runOn(user, get('profile')), 'g').outputs, { output: { login: 'ann@example.com' } })
    assert.deepEqual(card(await runOn(user, get('profile.manager.id')), 'g').outputs, { output: null })
  })

  it('fails the card on a malformed path', async () => {
    const run = await runOn(user, get('groups[0'))
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /bad path segment "groups\[0"/)
  })
})
