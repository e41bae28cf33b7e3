/** A hand-made export of list, object and flow-control cards: each maps by its address and keys, imports, validates and runs. */
import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parse, stringify } from 'yaml'
import { registry } from '../../cards/index.ts'
import { loadFlowSource } from '../../engine/load.ts'
import { runFlow } from '../../engine/run.ts'
import { reportDir, reportTable, unknownCards } from '../../importer/report.ts'
import { card } from '../helpers.ts'
import { importFile, plansOf } from './helpers.ts'

const FIXTURE = new URL('../fixtures/importer/lists-and-objects.flopack', import.meta.url)
const flows = importFile(FIXTURE)
const main = flows.find((f) => f.flow.name === 'Lists and objects')!
const doc = parse(main.yaml)
const byId = (id: string) => doc.cards.find((c: { id: string }) => c.id === id)

describe('importing list, object and flow-control cards', () => {
  it('maps each card by its address', () => {
    assert.deepEqual(
      doc.cards.map((c: { card: string }) => c.card),
      ['list.sort', 'list.getLastItem', 'list.find', 'list.includes', 'list.flatten', 'list.union', 'list.map', 'object.merge', 'object.set', 'control.returnErrorIf', 'control.waitFor', 'control.callFlowAsync', 'unsupported', 'control.return'],
    )
  })

  it('maps Okta\'s keys and symbols to the cards\' inputs', () => {
    assert.deepEqual(byId('find').inputs, { list: '{{helperFlow.users}}', operator: 'equal', path: 'status', comparison: 'ACTIVE' })
    assert.deepEqual(byId('merge').inputs, { object1: { a: 1 }, object2: '{{find.item}}', more: [{ c: 3 }] })
    assert.deepEqual(byId('returnErrorIf').inputs, { a: '{{find.index}}', operator: 'less than', b: 0, message: 'nobody is active', statusCode: 404 })
    assert.equal(byId('getLastItem').inputs.list, '{{sort.sortedList}}', 'an output Okta names "sorted list" is read under its cardflow name')
  })

  it('gives Map the item field each helper input takes and the values every run shares', () => {
    assert.deepEqual(byId('map').inputs, { list: '{{helperFlow.users}}', flow: 'Mail helper', itemFields: { mail: 'profile.email' }, inputs: { tag: 'x' }, concurrency: 5 })
  })

  it('validates but for the one unknown card, reported at its line', () => {
    const { errors } = loadFlowSource(main.yaml, 'main.yaml', registry)
    assert.deepEqual(errors.map((e) => e.message.replace(/:.*/, '')), ['card "doThing"'])
    assert.equal(errors[0]!.location?.line, main.yaml.split('\n').findIndex((l) => l.includes('- id: doThing')) + 1)
  })

  it('runs, once the unknown card is taken out', async () => {
    const runnable = { ...main, yaml: stringify({ ...doc, cards: doc.cards.filter((c: { card: string }) => c.card !== 'unsupported') }) }
    const plans = plansOf([runnable, ...flows.filter((f) => f !== main)])
    const users = [{ name: 'Zoe', status: 'SUSPENDED', profile: { email: 'z@example.com' } }, { name: 'Ann', status: 'ACTIVE', profile: {} }]
    const run = await runFlow(plans.get('Lists and objects')!, { users }, { dryRun: true, flows: (n) => plans.get(n) })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.deepEqual(card(run, 'getLastItem').outputs.item, users[0])
    assert.deepEqual(card(run, 'map').outputs, { newList: ['z@example.com', null] })
    assert.deepEqual(card(run, 'union').outputs, { union: ['a', 'b', 'c', 'd'] })
    assert.deepEqual(run.result, { kind: 'values', values: { merged: { a: 1, ...users[1], c: 3, flags: { hasA: true } } } })
    assert.equal(card(run, 'waitFor').waitRecorded, true)
  })
})

describe('flow import --report', () => {
  it('lists the unknown cards with their uses across exports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cardflow-report-'))
    try {
      copyFileSync(FIXTURE, join(dir, 'one.flopack'))
      copyFileSync(FIXTURE, join(dir, 'two.flopack'))
      const reports = reportDir(dir, registry)
      assert.deepEqual(unknownCards(reports), [{ address: 'root:channels:http:acme_0123456789:doThing', uses: 2, exports: ['one', 'two'] }])
      assert.match(reportTable(reports), /unknown cards \(1\), uses across exports:\n\s+2 {2}acme_0123456789:doThing {2}in 2 export\(s\): one, two/)
      assert.match(reportTable(reports), /28\/30 cards supported \(93\.3 %\)/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
