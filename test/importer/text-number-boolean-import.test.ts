/**
 * The Text, Number and True/False cards in an export: each kernel address imports to its card,
 * Okta's field keys (and the inputs an author added) become its inputs, outputs Okta names
 * differently are read under the card's names, and the imported flow validates and runs.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { registry } from '../../cards/index.ts'
import { runFlow } from '../../engine/run.ts'
import { importFlopack } from '../../importer/index.ts'
import { plansOf } from './helpers.ts'

type Field = [key: string, data: unknown, opts?: { type?: string; custom?: boolean; group?: string }]
interface Card {
  id: string
  key: string
  name: string
  inputs: Field[]
  output?: string
  /** input key → [card id, its output key] */
  pins?: Record<string, [string, string]>
}

const CARDS: Card[] = [
  { id: 'trim', key: 'string:trim', name: 'Trim', inputs: [['string', '  ann lee  ']] },
  { id: 'capitalize', key: 'string:capitalize', name: 'Capitalize', inputs: [['string', '']], pins: { string: ['trim', 'output'] } },
  { id: 'upper', key: 'string:toUpperCase', name: 'To Upper Case', inputs: [['string', '']], pins: { string: ['trim', 'output'] } },
  { id: 'length', key: 'string:length', name: 'Length', inputs: [['string', '']], pins: { string: ['trim', 'output'] } },
  { id: 'find', key: 'string:indexOf', name: 'Find', inputs: [['string', ''], ['target', ' ']], pins: { string: ['trim', 'output'] } },
  { id: 'encode', key: 'string:base64', name: 'Base64 Encode', inputs: [['string', 'ann:s3cret']] },
  { id: 'decode', key: 'string:base64Decode', name: 'Base64 Decode', inputs: [['string', '']], pins: { string: ['encode', 'output'] } },
  { id: 'add', key: 'math:add', name: 'Add', inputs: [['a', 1, { type: 'number' }], ['b', 2, { type: 'number' }], ['c', 3, { type: 'number', custom: true }]] },
  { id: 'subtract', key: 'math:subtract', name: 'Subtract', inputs: [['a', 0, { type: 'number' }], ['b', 4, { type: 'number' }]], pins: { a: ['add', 'output'] } },
  { id: 'multiply', key: 'math:multiply', name: 'Multiply', inputs: [['a', 0, { type: 'number' }], ['b', 2.5, { type: 'number' }]], pins: { a: ['subtract', 'output'] } },
  { id: 'divide', key: 'math:divide', name: 'Divide', inputs: [['a', 10, { type: 'number' }], ['b', 4, { type: 'number' }]] },
  { id: 'remainder', key: 'math:mod', name: 'Remainder', inputs: [['number', 13, { type: 'number' }], ['divided by', 5, { type: 'number' }]], output: 'remainder' },
  { id: 'round', key: 'math:round', name: 'Round', inputs: [['option', 'Round Up', { group: 'parameters' }], ['number', 0, { type: 'number' }]], output: 'rounded', pins: { number: ['divide', 'output'] } },
  { id: 'factorial', key: 'math:factorial', name: 'Factorial', inputs: [['number', 0, { type: 'number' }]], pins: { number: ['round', 'rounded'] } },
  { id: 'or', key: 'boolean:or', name: 'Or', inputs: [['a', false, { type: 'boolean' }], ['b', false, { type: 'boolean' }], ['input', true, { type: 'boolean', custom: true }]] },
  { id: 'and', key: 'boolean:and', name: 'And', inputs: [['a', true, { type: 'boolean' }], ['b', true, { type: 'boolean' }], ['c', false, { type: 'boolean', custom: true }]] },
  { id: 'not', key: 'boolean:not', name: 'Not', inputs: [['a', false, { type: 'boolean' }]], output: 'result', pins: { a: ['and', 'output'] } },
]

const EXPECTED: Record<string, [string, Record<string, unknown>]> = {
  trim: ['text.trim', { output: 'ann lee' }],
  capitalize: ['text.capitalize', { output: 'Ann lee' }],
  upper: ['text.upperCase', { output: 'ANN LEE' }],
  length: ['text.length', { output: 7 }],
  find: ['text.find', { output: 3 }],
  encode: ['text.base64Encode', { output: 'YW5uOnMzY3JldA==' }],
  decode: ['text.base64Decode', { output: 'ann:s3cret' }],
  add: ['number.add', { output: 6 }],
  subtract: ['number.subtract', { output: 2 }],
  multiply: ['number.multiply', { output: 5 }],
  divide: ['number.divide', { output: 2.5 }],
  remainder: ['number.remainder', { output: 3 }],
  round: ['number.round', { output: 3 }],
  factorial: ['number.factorial', { output: 6 }],
  or: ['boolean.or', { output: true }],
  and: ['boolean.and', { output: false }],
  not: ['boolean.not', { output: true }],
}

function method(card: Card) {
  const field = ([key, data, opts]: Field) => ({
    id: `${card.id}-${key}`,
    key,
    group: opts?.group ?? null,
    value: { type: opts?.type ?? 'string', collection: false, data },
    metadata: opts?.custom ? { custom: true } : {},
  })
  const out = card.output ?? 'output'
  return {
    uuid: card.id,
    address: `root:kernel:${card.key.replace(':', ':0.0.1:')}`,
    branches: {},
    joins: {},
    pins: {} as Record<string, Record<string, { input: string }[]>>,
    node: {
      data: { name: card.name },
      model: {
        config: null,
        inputs: { data: Object.fromEntries(card.inputs.map((f) => [`${card.id}-${f[0]}`, field(f)])) },
        outputs: { data: { [`${card.id}-out-${out}`]: { id: `${card.id}-out-${out}`, key: out, group: null, value: { type: 'string', collection: false, data: null } } } },
      },
    },
  }
}

function exportOf(cards: Card[]): string {
  const helper = { uuid: 'start', address: 'root:kernel:control:0.0.1:callable', branches: {}, joins: {}, pins: {}, node: { data: { name: 'Helper Flow' }, model: { config: null, inputs: { data: {} }, outputs: { data: {} } } } }
  const methods = [helper, ...cards.map(method)]
  for (const c of cards)
    for (const [input, [from, output]] of Object.entries(c.pins ?? {})) {
      const source = methods.find((m) => m.uuid === from) as ReturnType<typeof method>
      const pins = source.pins[`${from}-out-${output}`] ?? {}
      pins[c.id] = [...(pins[c.id] ?? []), { input: `${c.id}-${input}` }]
      source.pins[`${from}-out-${output}`] = pins
    }
  const orderings = Object.fromEntries(methods.slice(1).map((m, i) => [`o${i}`, [methods[i]!.uuid, m.uuid]]))
  const flo = { id: 'f1', name: 'Text, numbers and true/false', data: { uuid: 'f1', orderings, methods } }
  return JSON.stringify({ type: 'flopack', version: '1.3.0', data: { flos: [flo], configs: {} } })
}

describe('importing Text, Number and True/False cards', () => {
  const [imported] = importFlopack(exportOf(CARDS), 'cards.flopack', registry)
  const doc = parse(imported!.yaml) as { cards: { id: string; card: string; inputs: Record<string, unknown> }[] }
  const inputsOf = (type: string) => doc.cards.find((c) => c.card === type)!.inputs

  it('imports every address to its card, none unsupported', () => {
    assert.deepEqual(imported!.flow.unsupported, [])
    assert.deepEqual(doc.cards.map((c) => c.card), CARDS.map((c) => EXPECTED[c.id]![0]))
  })

  it('keeps the inputs an author added to Add, Or and And, in order', () => {
    assert.deepEqual(inputsOf('number.add'), { a: 1, b: 2, more: [3] })
    assert.deepEqual(inputsOf('boolean.or'), { a: false, b: false, more: [true] })
    assert.deepEqual(inputsOf('boolean.and'), { a: true, b: true, more: [false] })
  })

  it('maps Okta\'s keys, options and renamed outputs to the cards\' own', () => {
    assert.deepEqual(inputsOf('number.remainder'), { number: 13, 'divided by': 5 })
    assert.deepEqual(inputsOf('number.round'), { number: '{{divide.output}}', round: 'up' })
    assert.deepEqual(inputsOf('number.factorial'), { number: '{{round.output}}' }, 'Round\'s "rounded" is read as its output')
    assert.deepEqual(inputsOf('boolean.not'), { value: '{{and.output}}' })
    assert.deepEqual(inputsOf('text.find'), { string: '{{trim.output}}', target: ' ' })
  })

  it('validates and runs, each card giving what Okta\'s would', async () => {
    const plan = plansOf([imported!]).get('Text, numbers and true/false')!
    const run = await runFlow(plan, {}, { dryRun: true })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    for (const c of CARDS) {
      const card = doc.cards.find((d) => d.card === EXPECTED[c.id]![0])!
      assert.deepEqual(run.cards.find((r) => r.id === card.id)?.outputs, EXPECTED[c.id]![1], c.id)
    }
  })
})
