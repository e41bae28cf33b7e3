/** List cards: Okta's edge cases, helper-flow cards through the engine, and properties against plain JavaScript. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { eachLimited } from '../../cards/lib/helper-list.ts'
import addToEnd from '../../cards/list/add-to-end.ts'
import addToFront from '../../cards/list/add-to-front.ts'
import combineAll from '../../cards/list/combine-all.ts'
import difference from '../../cards/list/difference.ts'
import filter from '../../cards/list/filter.ts'
import find from '../../cards/list/find.ts'
import flatten from '../../cards/list/flatten.ts'
import getLastItem from '../../cards/list/get-last-item.ts'
import groupBy from '../../cards/list/group-by.ts'
import includes from '../../cards/list/includes.ts'
import intersection from '../../cards/list/intersection.ts'
import removeDuplicates from '../../cards/list/remove-duplicates.ts'
import reverse from '../../cards/list/reverse.ts'
import sort from '../../cards/list/sort.ts'
import union from '../../cards/list/union.ts'
import type { FlowPlan } from '../../engine/check.ts'
import { runFlow } from '../../engine/run.ts'
import { card, planOf } from '../helpers.ts'
import { testCard } from './card-helpers.ts'

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000)
console.log(`list property tests: seed ${seed} (FC_SEED=${seed} repeats them)`)
const params = { seed, numRuns: 100 }
const ints = fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 20 })
const words = fc.array(fc.stringMatching(/^[a-cA-C]{0,3}$/), { maxLength: 20 })

describe('List cards: edge cases', () => {
  const cases: [string, Parameters<typeof testCard>[0], Record<string, unknown>, Record<string, unknown>][] = [
    ['Sort puts 9 before 80 in a list of numbers', sort, { list: [80, 9, 100] }, { sortedList: [9, 80, 100] }],
    ['Sort compares dates written as ISO text in time order', sort, { list: ['2024-05-01T00:00:00Z', '2023-01-01T00:00:00Z'] }, { sortedList: ['2023-01-01T00:00:00Z', '2024-05-01T00:00:00Z'] }],
    ['Filter with no path tests the item itself', filter, { list: [1, 5, 10], operator: 'greater than', comparison: 4 }, { list: [5, 10] }],
    ['Filter on a missing key compares null', filter, { list: [{ a: 1 }, {}], operator: 'is empty', path: 'a' }, { list: [{}] }],
    ['Find with a text number compares loosely, as Okta\'s equal to does', find, { list: [1, 2], operator: 'equal', comparison: '2' }, { item: 2, index: 1 }],
    ['Find strictly with equal and the same type', find, { list: [1, 2], operator: 'equal and the same type', comparison: '2' }, { item: null, index: -1 }],
    ['Group By keys a missing value as "null"', groupBy, { list: [{ a: 1 }, { b: 1 }], path: 'a' }, { output: { 1: [{ a: 1 }], null: [{ b: 1 }] } }],
    ['Group By makes a "__proto__" value an ordinary key', groupBy, { list: ['__proto__'] }, { output: JSON.parse('{"__proto__":["__proto__"]}') }],
    ['Remove Duplicates compares objects by value when there is no path', removeDuplicates, { list: [{ a: 1 }, { a: 1 }] }, { list: [{ a: 1 }] }],
    ['Difference keeps items that are not text as they are', difference, { list1: [1, 'A', true], list2: ['a', 'true'] }, { list: [1, true] }],
    ['Union keeps 1 and "1" apart, and an object apart from texts that read like its key', union, { list1: [1, '1', { a: 1 }], list2: ['\u0000{"a":1}', '\u0000\u0000{"a":1}', { a: 1 }, 1, null, 'null'] }, { union: [1, '1', { a: 1 }, '\u0000{"a":1}', '\u0000\u0000{"a":1}', null, 'null'] }],
    ['Intersection finds an object by value and not by a text that reads like its key', intersection, { list1: ['\u0000{"a":1}', { a: 1 }, 'x', 2], list2: [{ a: 1 }, '2'] }, { output: [{ a: 1 }] }],
  ]
  for (const [title, c, inputs, expected] of cases) it(title, async () => assert.deepEqual(await testCard(c, inputs), expected))
})

const helper = (name: string, inputs: string[], cards: string) =>
  planOf(`name: ${name}\ntrigger: { id: h, card: control.helperFlow, options: { inputs: [${inputs.join(', ')}] } }\ncards:\n${cards}`)

const HELPERS = new Map<string, FlowPlan>(
  [
    helper('Double', ['n'], `  - { id: x, card: number.multiply, inputs: { a: "{{h.n}}", b: 2 } }\n  - { id: out, card: control.return, inputs: { output: { doubled: "{{x.output}}" } } }`),
    helper('Pair', ['n', 'tag'], `  - { id: out, card: control.return, inputs: { output: { n: "{{h.n}}", tag: "{{h.tag}}", at: "{{h.index}}" } } }`),
    helper('Email', ['mail'], `  - { id: out, card: control.return, inputs: { output: { lower: "{{h.mail}}" } } }`),
    helper('Fails', ['n'], `  - { id: boom, card: json.parse, inputs: { string: "not json {{h.n}}" } }`),
  ].map((p) => [p.name, p]),
)

async function runMain(cards: string) {
  const plan = planOf(`name: Main\ntrigger: { id: start, card: control.helperFlow }\ncards:\n${cards}`)
  return runFlow(plan, {}, { dryRun: true, flows: (n) => HELPERS.get(n) })
}

describe('List cards that run a helper flow', () => {
  it('Map keeps the length and the order, whatever the concurrency', async () => {
    const run = await runMain(`  - { id: m, card: list.map, inputs: { list: [1, 2, 3, 4, 5, 6, 7], flow: Double, item: n, concurrency: 3 } }`)
    assert.deepEqual(card(run, 'm').outputs, { newList: [2, 4, 6, 8, 10, 12, 14] })
  })
  it('Map gives an object per item when the helper returns several values, with the index and shared inputs', async () => {
    const run = await runMain(`  - { id: m, card: list.map, inputs: { list: [a, b], flow: Pair, item: n, inputs: { tag: t } } }`)
    assert.deepEqual(card(run, 'm').outputs, { newList: [{ n: 'a', tag: 't', at: 0 }, { n: 'b', tag: 't', at: 1 }] })
  })
  it('Map hands a field of each item to the helper input that asks for it', async () => {
    const run = await runMain(`  - { id: m, card: list.map, inputs: { list: [{ profile: { email: a@x } }, { profile: {} }], flow: Email, itemFields: { mail: profile.email } } }`)
    assert.deepEqual(card(run, 'm').outputs, { newList: ['a@x', null] })
  })
  it('Map fails with the helper\'s error, naming the helper', async () => {
    const run = await runMain(`  - { id: m, card: list.map, inputs: { list: [1], flow: Fails, item: n } }`)
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /helper flow "Fails" failed at card "boom"/)
  })
})

describe('running helpers at once', () => {
  it('keeps results in order and never runs more than the limit at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(5), { maxLength: 30 }), fc.integer({ min: 1, max: 6 }), async (delays, limit) => {
        let running = 0
        let most = 0
        const out = await eachLimited(delays, limit, async (d, i) => {
          running++
          most = Math.max(most, running)
          for (let k = 0; k < d; k++) await Promise.resolve()
          running--
          return i
        })
        assert.deepEqual(out, delays.map((_, i) => i))
        assert.ok(most <= limit)
      }),
      params,
    )
  })
})

describe('List cards: properties against plain JavaScript', () => {
  it('Sort is a stable numeric sort for numbers and a code-unit sort for text; Reverse reverses', async () => {
    await fc.assert(
      fc.asyncProperty(ints, words, async (ns, ws) => {
        assert.deepEqual((await testCard(sort, { list: ns })).sortedList, [...ns].sort((a, b) => a - b))
        assert.deepEqual((await testCard(sort, { list: ws })).sortedList, [...ws].sort())
        assert.deepEqual((await testCard(reverse, { list: ns })).list, [...ns].reverse())
        const objs = ns.map((n, i) => ({ n, i }))
        assert.deepEqual((await testCard(sort, { list: objs, path: 'n' })).sortedList, [...objs].sort((a, b) => a.n - b.n))
      }),
      params,
    )
  })
  it('Union, Combine All, Remove Duplicates and Difference match Set, concat and filter', async () => {
    await fc.assert(
      fc.asyncProperty(ints, ints, ints, async (a, b, c) => {
        assert.deepEqual((await testCard(union, { list1: a, list2: b, more: [c] })).union, [...new Set([...a, ...b, ...c])])
        assert.deepEqual((await testCard(combineAll, { list1: a, list2: b, more: [c] })).list, [...a, ...b, ...c])
        assert.deepEqual((await testCard(removeDuplicates, { list: a })).list, [...new Set(a)])
        assert.deepEqual((await testCard(difference, { list1: a, list2: b })).list, a.filter((x) => !b.includes(x)))
      }),
      params,
    )
  })
  it('Difference ignores case', async () => {
    await fc.assert(
      fc.asyncProperty(words, words, async (a, b) => {
        const lower = new Set(b.map((w) => w.toLowerCase()))
        assert.deepEqual((await testCard(difference, { list1: a, list2: b })).list, a.filter((w) => !lower.has(w.toLowerCase())))
      }),
      params,
    )
  })
  it('Filter, Find and Includes match filter, findIndex and includes', async () => {
    await fc.assert(
      fc.asyncProperty(ints, fc.integer({ min: -50, max: 50 }), async (ns, k) => {
        assert.deepEqual((await testCard(filter, { list: ns, operator: 'greater than', comparison: k })).list, ns.filter((n) => n > k))
        const index = ns.findIndex((n) => n <= k)
        assert.deepEqual(await testCard(find, { list: ns, operator: 'less than or equal', comparison: k }), { item: index >= 0 ? ns[index] : null, index })
        assert.equal((await testCard(includes, { list: ns, value: k })).result, ns.includes(k))
      }),
      params,
    )
  })
  it('Flatten, Get Last Item, Add to End and Add to Front match flat, at, push and unshift', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ints, { maxLength: 5 }), fc.integer(), async (lists, x) => {
        assert.deepEqual((await testCard(flatten, { lists })).list, lists.flat())
        const [first = []] = lists
        assert.deepEqual(await testCard(getLastItem, { list: first }), { item: first.at(-1) ?? null, list: first.slice(0, -1) })
        assert.deepEqual((await testCard(addToEnd, { list: first, item: x })).list, [...first, x])
        assert.deepEqual((await testCard(addToFront, { list: first, item: x })).list, [x, ...first])
      }),
      params,
    )
  })
  it('Group By puts every item under the text of its value, in order', async () => {
    await fc.assert(
      fc.asyncProperty(ints, async (ns) => {
        const expected: Record<string, number[]> = {}
        for (const n of ns) expected[String(n)] = [...(expected[String(n)] ?? []), n]
        assert.deepEqual((await testCard(groupBy, { list: ns })).output, expected)
      }),
      params,
    )
  })
})
