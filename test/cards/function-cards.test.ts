import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compare } from '../../cards/lib/compare.ts'
import compose from '../../cards/text/compose.ts'
import split from '../../cards/text/split.ts'
import construct from '../../cards/list/construct.ts'
import intersection from '../../cards/list/intersection.ts'
import join from '../../cards/list/join.ts'
import getMultiple, { readPath } from '../../cards/object/get-multiple.ts'
import objectConstruct from '../../cards/object/construct.ts'
import ifElse from '../../cards/control/if-else.ts'
import { fakeContext } from './card-helpers.ts'
import { card, profileInput, runYaml } from '../helpers.ts'

/** Function cards touch nothing: a fake context is all they get. */
const ctx = fakeContext({ now: new Date(0) })

describe('Text - Compose', () => {
  it('turns non-text values into text without error', async () => {
    assert.deepEqual(await compose.run(ctx, { text: ['a', 1] }), { output: '["a",1]' })
    assert.deepEqual(await compose.run(ctx, { text: null }), { output: '' })
    assert.deepEqual(await compose.run(ctx, { text: 42 }), { output: '42' })
  })
})

describe('Text - Split', () => {
  it('splits, trims and drops empty items', async () => {
    assert.deepEqual(await split.run(ctx, { text: ' email, mobilePhone,,', separator: ',' }), { output: ['email', 'mobilePhone'] })
    assert.deepEqual(await split.run(ctx, { text: null, separator: ',' }), { output: [] })
  })
})

describe('List cards', () => {
  it('Construct keeps items in order', async () => {
    assert.deepEqual(await construct.run(ctx, { items: ['b', 'a', 1] }), { list: ['b', 'a', 1] })
  })
  it('Intersection keeps the first list\'s order, once per item, comparing by type', async () => {
    const out = await intersection.run(ctx, { list1: ['title', 'email', '1', 'email', 'manager'], list2: ['manager', 'email', 1] })
    assert.deepEqual(out, { output: ['email', 'manager'] })
  })
  it('To Text joins with the separator', async () => {
    assert.deepEqual(await join.run(ctx, { list: ['a', 2, { b: 1 }], separator: ' | ' }), { output: 'a | 2 | {"b":1}' })
  })
})

describe('Object cards', () => {
  const event = { data: { events: [{ uuid: 'u1', target: [{ type: 'AppUser', id: 'x' }, { type: 'User', alternateId: 'jane@example.com' }] }] } }
  it('Get Multiple reads dot paths, list indexes and [key=value] selectors', async () => {
    const out = await getMultiple.run(ctx, { object: event, paths: { uuid: 'data.events.0.uuid', login: 'data.events.0.target[type=User].alternateId', none: 'data.nothing.here' } })
    assert.deepEqual(out, { uuid: 'u1', login: 'jane@example.com', none: null })
  })
  it('Get Multiple refuses a malformed path', () => {
    assert.throws(() => readPath({}, 'a[b'), /bad path segment "a\[b"/)
  })
  it('Construct builds an object', async () => {
    assert.deepEqual(await objectConstruct.run(ctx, { fields: { a: 1, b: 'x' } }), { output: { a: 1, b: 'x' } })
  })
})

describe('comparisons', () => {
  it('compare numbers as numbers and text as text', () => {
    assert.equal(compare(80, 'greater than', 9), true)
    assert.equal(compare('80', 'less than', '9'), true)
    assert.equal(compare(3, 'less than or equal', 3), true)
    assert.equal(compare('b', 'greater than or equal', 'a'), true)
  })
  it('equal compares lists and objects by value', () => {
    assert.equal(compare([1, 'a'], 'equal', [1, 'a']), true)
    assert.equal(compare('1', 'equal', 1), true)
    assert.equal(compare('1', 'equal and the same type', 1), false)
    assert.equal(compare('x', 'equal', 0), false)
    assert.equal(compare('a', 'not equal', 'b'), true)
  })
  it('in and not in look into lists and text', () => {
    assert.equal(compare('email', 'in', ['email', 'title']), true)
    assert.equal(compare('mail', 'in', 'email,title'), true)
    assert.equal(compare('x', 'not in', ['a']), true)
  })
  it('empty means null, empty text, empty list or object', () => {
    for (const v of [null, undefined, '', [], {}]) assert.equal(compare(v, 'is empty', undefined), true, JSON.stringify(v))
    for (const v of [0, false, 'a', [0], { a: 1 }]) assert.equal(compare(v, 'is not empty', undefined), true, JSON.stringify(v))
  })
  it('If/Else picks then for true and else for false', async () => {
    const out = await ifElse.run(ctx, { a: 1, operator: 'equal', b: 1 })
    assert.equal(ifElse.selectBranch!(out), 'then')
    assert.equal(ifElse.selectBranch!({ result: false }), 'else')
  })
})

describe('Return', () => {
  it('outputs what it is given', async () => {
    const yaml = 'name: t\ntrigger: { id: e, card: okta.userProfileUpdated }\ncards:\n  - { id: r, card: control.return, inputs: { output: { user: "{{e.Okta User.ID}}" } } }\n'
    const [run] = await runYaml(yaml, profileInput('a', 'b', 'x'))
    assert.deepEqual(card(run!, 'r').outputs, { output: { user: 'b' } })
  })
})
