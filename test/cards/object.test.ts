/** Object cards: Okta's edge cases, and properties against plain JavaScript references. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import clearEmpty from '../../cards/object/clear-empty.ts'
import collapse from '../../cards/object/collapse.ts'
import get from '../../cards/object/get.ts'
import keys from '../../cards/object/keys.ts'
import merge from '../../cards/object/merge.ts'
import move from '../../cards/object/move.ts'
import set from '../../cards/object/set.ts'
import size from '../../cards/object/size.ts'
import split from '../../cards/object/split.ts'
import unset from '../../cards/object/unset.ts'
import unzip from '../../cards/object/unzip.ts'
import values from '../../cards/object/values.ts'
import zip from '../../cards/object/zip.ts'
import { testCard } from './card-helpers.ts'

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000)
console.log(`object property tests: seed ${seed} (FC_SEED=${seed} repeats them)`)
const params = { seed, numRuns: 100 }

const key = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/)
const json = fc.jsonValue({ maxDepth: 2 })
const object = fc.dictionary(key, json, { maxKeys: 6, noNullPrototype: true })

describe('Object cards: edge cases', () => {
  const cases: [string, Parameters<typeof testCard>[0], Record<string, unknown>, Record<string, unknown> | RegExp][] = [
    ['Set never walks into a prototype', set, { object: {}, path: '__proto__.polluted', value: 1 }, { output: JSON.parse('{"__proto__":{"polluted":1}}') }],
    ['Set pads a list up to a new index with null', set, { object: { l: [1] }, path: 'l.3', value: 4 }, { output: { l: [1, null, null, 4] } }],
    ['Set on a list path keeps numbers as keys', set, { object: { l: [1] }, path: ['l', '0'], value: 9 }, { output: { l: { 0: 9 } } }],
    ['Set refuses text as the object', set, { object: 'x', path: 'a', value: 1 }, /object must be an object/],
    ['Unset an index past the end changes nothing', unset, { object: { l: [1] }, path: 'l.5' }, { output: { l: [1] } }],
    ['Get reads through a list index', get, { object: { l: [{ a: 1 }] }, path: 'l.0.a' }, { output: 1 }],
    ['Get does not read inherited keys', get, { object: {}, path: 'constructor' }, { output: null }],
    ['Move onto an existing key replaces it', move, { object: { a: 1, b: 2, c: 3 }, source: 'a', destination: 'b' }, { output: { c: 3, b: 1 } }],
    ['Merge takes a nested object whole', merge, { object1: { a: { x: 1 } }, object2: { a: { y: 2 } } }, { output: { a: { y: 2 } } }],
    ['Clear Empty cleans objects inside lists when recursive', clearEmpty, { object: { l: [{ a: '' , b: 1 }] }, recursive: true }, { output: { l: [{ b: 1 }] } }],
    ['Collapse refuses an item that is not an object', collapse, { list: ['x'] }, /item 0 has no key/],
    ['Zip turns non-text keys into text', zip, { keys: [1, true], values: ['a', 'b'] }, { output: undefined as never }],
  ]
  for (const [title, card, inputs, expected] of cases) {
    it(title, async () => {
      if (expected instanceof RegExp) return assert.rejects(async () => testCard(card, inputs), expected)
      const out = await testCard(card, inputs)
      if (card === zip) return assert.deepEqual(out, { object: { 1: 'a', true: 'b' } })
      assert.deepEqual(out, expected)
    })
  }
  it('Set leaves the object it was given unchanged', async () => {
    const given = { a: { b: 1 } }
    await set.run(fakeCtx, { object: given, path: 'a.b', value: 2 })
    assert.deepEqual(given, { a: { b: 1 } })
  })
})

const fakeCtx = { cardId: 'c' } as Parameters<typeof set.run>[0]

describe('Object cards: properties against plain JavaScript', () => {
  it('Keys, Values and Size are Object.keys, Object.values and their length', async () => {
    await fc.assert(
      fc.asyncProperty(object, async (o) => {
        assert.deepEqual((await testCard(keys, { object: o })).output, Object.keys(o))
        assert.deepEqual((await testCard(values, { object: o })).output, Object.values(o))
        assert.equal((await testCard(size, { object: o })).size, Object.keys(o).length)
      }),
      params,
    )
  })
  it('Merge is Object.assign into a new object', async () => {
    await fc.assert(
      fc.asyncProperty(object, object, fc.array(object, { maxLength: 3 }), async (a, b, more) => {
        assert.deepEqual((await testCard(merge, { object1: a, object2: b, more })).output, Object.assign({}, a, b, ...more))
      }),
      params,
    )
  })
  it('Get after Set gives the value set; the other keys stay', async () => {
    await fc.assert(
      fc.asyncProperty(object, fc.array(key, { minLength: 1, maxLength: 3 }), json, async (o, path, value) => {
        const { output } = await testCard(set, { object: o, path: path.join('.'), value })
        assert.deepEqual((await testCard(get, { object: output, path: path.join('.') })).output, value)
        for (const k of Object.keys(o)) if (k !== path[0]) assert.deepEqual((output as Record<string, unknown>)[k], o[k])
      }),
      params,
    )
  })
  it('Unset drops exactly the key named', async () => {
    await fc.assert(
      fc.asyncProperty(object, key, async (o, k) => {
        const { output } = await testCard(unset, { object: o, path: k })
        const expected = { ...o }
        delete expected[k]
        assert.deepEqual(output, expected)
      }),
      params,
    )
  })
  it('Zip undoes Unzip, and Collapse undoes Split', async () => {
    await fc.assert(
      fc.asyncProperty(object, async (o) => {
        const { keys: k, values: v } = await testCard(unzip, { object: o })
        assert.deepEqual((await testCard(zip, { keys: k, values: v })).object, o)
        const { list } = await testCard(split, { object: o })
        assert.deepEqual((await testCard(collapse, { list })).list, o)
      }),
      params,
    )
  })
})
