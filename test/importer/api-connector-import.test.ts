/** Exported API Connector cards (`httpfunctions:*`, with the field keys of Okta's exports) to flow files. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { runFlow } from '../../engine/run.ts'
import { importFile, plansOf } from './helpers.ts'

const flows = importFile(new URL('../fixtures/importer/api-connector.flopack', import.meta.url))
const byName = new Map(flows.map((f) => [f.flow.name, f]))
const helper = parse(byName.get('Call the Pet Store API')!.yaml)
const endpoint = parse(byName.get('Accept and answer at once')!.yaml)
const cardNamed = (id: string) => helper.cards.find((c: { id: string }) => c.id === id)
const PETS = 'http://petstore-demo-endpoint.execute-api.com/petstore/pets'

describe('flow import of API Connector cards', () => {
  const expected: [id: string, card: string, inputs: Record<string, unknown>][] = [
    ['rawRequest', 'http.rawRequest', { URL: PETS, Method: 'GET', Query: { type: 'Dog', page: '2' }, Headers: { Accept: 'application/json', 'Content-Type': 'application/json' } }],
    ['getPet', 'http.get', { URL: '{{helperFlow.petsUrl}}' }],
    ['post', 'http.post', { URL: 'https://hooks.example.com/services/T000/B000/XXXX', Headers: { 'Content-Type': 'application/json' } }],
    ['put', 'http.put', { URL: 'https://api.example.com/v1/pets/4', Body: { type: 'dog', price: 249.99 } }],
    ['patch', 'http.patch', { URL: 'https://api.example.com/v1/pets/4', Headers: { 'If-Match': '"v7"' }, Body: { price: 199.99 } }],
    ['delete', 'http.delete', { URL: 'https://api.example.com/v1/pets/6' }],
    ['getCats', 'http.get', { URL: PETS, Query: { type: 'Cat' }, Headers: { Accept: 'application/json' } }],
  ]
  for (const [id, card, inputs] of expected) {
    it(`maps ${id} by its address to ${card}, its fields by key, empty ones left out`, () => {
      const c = cardNamed(id)
      assert.equal(c.card, card)
      assert.deepEqual(c.inputs, inputs)
    })
  }

  it('keeps the connection by name, also where the export names it only in display.configRef', () => {
    for (const [id] of expected) assert.equal(cardNamed(id).connection, 'HTTP PetStore', id)
  })

  it("reads Raw Request's Body output by its export key", () => {
    assert.deepEqual(cardNamed('parse').inputs, { string: '{{rawRequest.Body}}' })
  })

  it("maps Close's fields of the headers and body groups, and the API Endpoint's body field to its path", () => {
    assert.equal(endpoint.trigger.card, 'http.apiEndpoint')
    assert.deepEqual(endpoint.cards[0], {
      id: 'close',
      card: 'http.close',
      inputs: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: { status: 'accepted', id: '{{apiEndpoint.body.id}}' } },
    })
  })

  it('gives flows that validate and run: the helper records the Pet Store request, Close gives the answer', async () => {
    const plans = plansOf(flows)
    const run = await runFlow(plans.get('Call the Pet Store API')!, { petsUrl: PETS }, { dryRun: true })
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error))
    assert.deepEqual(run.outbound[0]!.request, { method: 'GET', url: PETS, query: { type: 'Dog', page: '2' }, headers: { accept: 'application/json', 'content-type': 'application/json' } })
    assert.deepEqual(run.outbound.map((o) => o.operation.split(' ')[0]), ['GET', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'GET'])
    const answered = await runFlow(plans.get('Accept and answer at once')!, { headers: {}, body: { id: 'r-9' }, query: {} }, { dryRun: true })
    assert.deepEqual(answered.result, { kind: 'http', statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: { status: 'accepted', id: 'r-9' } })
  })
})
