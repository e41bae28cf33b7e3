import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { type FakeHttpApi, PETS_PAGE_2, startFakeHttpApi } from '../fakes/index.ts'
import { type CardSpec, cardOf, httpConnection, runCards } from './http-helpers.ts'

describe('API Connector cards against a fake HTTP API', () => {
  let api: FakeHttpApi
  before(async () => {
    api = await startFakeHttpApi()
  })
  after(() => api.close())
  beforeEach(() => {
    api.requests.length = 0
  })
  const none = () => httpConnection({ auth: 'none' })
  const one = async (card: string, inputs: Record<string, unknown>) => {
    const run = await runCards([{ id: 'call', card, inputs }], { connections: none() })
    return { run, card: cardOf(run, 'call'), req: api.requests.at(-1) }
  }

  describe("Okta's documented examples", () => {
    const cases: { name: string; card: string; inputs: () => Record<string, unknown>; check(o: Awaited<ReturnType<typeof one>>): void }[] = [
      {
        name: 'Raw Request, the Pet Store tutorial: headers and query objects, the body answered as text',
        card: 'http.rawRequest',
        inputs: () => ({ URL: `${api.origin}/petstore/pets`, Method: 'GET', Headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, Query: { type: 'Dog', page: '2' } }),
        check: ({ card, req }) => {
          assert.equal(req!.method, 'GET')
          assert.equal(`${req!.path}?${req!.query}`, '/petstore/pets?type=Dog&page=2')
          assert.equal(req!.headers.accept, 'application/json')
          assert.equal(req!.headers['content-type'], 'application/json')
          assert.equal(card.outputs['Status Code'], 200)
          assert.equal(card.outputs['Body'], JSON.stringify(PETS_PAGE_2))
          assert.equal((card.outputs['Headers'] as Record<string, string>)['content-type'], 'application/json')
        },
      },
      {
        name: 'Get, the same call: the JSON answer comes out as a list',
        card: 'http.get',
        inputs: () => ({ URL: `${api.origin}/petstore/pets`, Query: { type: 'Dog', page: '2' } }),
        check: ({ card, req }) => {
          assert.equal(`${req!.path}?${req!.query}`, '/petstore/pets?type=Dog&page=2')
          assert.deepEqual(card.outputs['Body'], PETS_PAGE_2)
        },
      },
      {
        name: 'Raw Request: the query object {x: one, y: two} becomes ?x=one&y=two',
        card: 'http.rawRequest',
        inputs: () => ({ URL: `${api.origin}/echo/query`, Method: 'GET', Query: { x: 'one', y: 'two' } }),
        check: ({ req }) => assert.equal(req!.query.toString(), 'x=one&y=two'),
      },
      {
        name: 'Raw Request: the headers object {Accept: text/plain} is sent as Accept: text/plain',
        card: 'http.rawRequest',
        inputs: () => ({ URL: `${api.origin}/echo/headers`, Method: 'GET', Headers: { Accept: 'text/plain' } }),
        check: ({ req }) => assert.equal(req!.headers.accept, 'text/plain'),
      },
      {
        name: 'Post: each Body field becomes a key of the JSON object sent',
        card: 'http.post',
        inputs: () => ({ URL: `${api.origin}/echo/leads`, Body: { name: 'Jane Doe', email: 'jane@example.com' } }),
        check: ({ card, req }) => {
          assert.equal(req!.method, 'POST')
          assert.equal(req!.headers['content-type'], 'application/json')
          assert.deepEqual(req!.json, { name: 'Jane Doe', email: 'jane@example.com' })
          assert.equal(card.outputs['Status Code'], 201)
          assert.deepEqual((card.outputs['Body'] as { body: unknown }).body, { name: 'Jane Doe', email: 'jane@example.com' })
        },
      },
      {
        name: 'Raw Request: XML goes as the Body text and the XML answer comes back as text, for XML Parse',
        card: 'http.rawRequest',
        inputs: () => ({ URL: `${api.origin}/xml`, Method: 'POST', Headers: { 'Content-Type': 'text/xml' }, Body: '<query><type>dog</type></query>' }),
        check: ({ card, req }) => {
          assert.equal(req!.body, '<query><type>dog</type></query>')
          assert.equal(req!.headers['content-type'], 'text/xml')
          assert.equal(card.outputs['Body'], '<pets><pet id="4" type="dog"/></pets>')
        },
      },
      {
        name: 'Raw Request: a JSON list made by JSON Stringify is sent as it is',
        card: 'http.rawRequest',
        inputs: () => ({ URL: `${api.origin}/echo/bulk`, Method: 'POST', Headers: { 'Content-Type': 'application/json' }, Body: '[{"id":1},{"id":2}]' }),
        check: ({ req }) => assert.deepEqual(req!.json, [{ id: 1 }, { id: 2 }]),
      },
      {
        name: 'Post: a text Body (a form, as in the Twilio template) goes as it is, with the Content-Type given',
        card: 'http.post',
        inputs: () => ({ URL: `${api.origin}/echo/sms`, Headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, Body: 'To=%2B1555&Body=Hi+there' }),
        check: ({ req }) => {
          assert.equal(req!.body, 'To=%2B1555&Body=Hi+there')
          assert.equal(req!.form?.get('Body'), 'Hi there')
        },
      },
      {
        name: 'Put and Patch send their Body as JSON with their own method',
        card: 'http.patch',
        inputs: () => ({ URL: `${api.origin}/echo/records/42`, Body: { title: 'Manager' } }),
        check: ({ req }) => {
          assert.equal(req!.method, 'PATCH')
          assert.deepEqual(req!.json, { title: 'Manager' })
        },
      },
      {
        name: 'Put sends PUT',
        card: 'http.put',
        inputs: () => ({ URL: `${api.origin}/echo/records/42`, Body: ['a', 'b'] }),
        check: ({ req }) => {
          assert.equal(req!.method, 'PUT')
          assert.deepEqual(req!.json, ['a', 'b'])
        },
      },
      {
        name: 'Delete without a body sends none, and an empty 204 answer gives Body null',
        card: 'http.delete',
        inputs: () => ({ URL: `${api.origin}/empty/records/42` }),
        check: ({ card, req }) => {
          assert.equal(req!.method, 'DELETE')
          assert.equal(req!.body, '')
          assert.equal(req!.headers['content-type'], undefined)
          assert.deepEqual(card.outputs, { 'Status Code': 204, Headers: card.outputs['Headers'], Body: null })
        },
      },
      {
        name: "a URL's own query is kept and Query's are added: a list repeats the key, null is left out",
        card: 'http.get',
        inputs: () => ({ URL: `${api.origin}/echo/search?a=1`, Query: { b: 2, c: ['x', 'y'], d: null, e: true } }),
        check: ({ req }) => assert.equal(req!.query.toString(), 'a=1&b=2&c=x&c=y&e=true'),
      },
    ]
    for (const c of cases) {
      it(c.name, async () => {
        const o = await one(c.card, c.inputs())
        assert.equal(o.run.status, 'succeeded', JSON.stringify(o.run.error))
        c.check(o)
      })
    }
  })

  it("fails on a 4xx with the status and the start of the service's answer, as Okta's HTTP functions do", async () => {
    const { run } = await one('http.get', { URL: `${api.origin}/status/404` })
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /^http: GET http:\/\/127\.0\.0\.1:\d+\/status\/404 failed: HTTP 404 Not Found: \{"error":"status 404","detail":"as asked"\}$/)
    assert.equal(run.error!.retryable, false)
    assert.equal(api.requests.length, 1)
  })

  it('does not follow a redirect: the card fails and nothing is asked of the place it pointed to', async () => {
    const { run } = await one('http.rawRequest', { URL: `${api.origin}/redirect`, Method: 'GET' })
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /HTTP 302 Found: redirects are not followed \(to http:\/\/169\.254\.169\.254\/latest\/meta-data\/\)/)
    assert.equal(api.requests.length, 1)
  })

  it('refuses an answer larger than the connection allows, without retrying', async () => {
    const connections = httpConnection({ auth: 'none', maxResponseBytes: '1000' })
    const run = await runCards([{ id: 'big', card: 'http.get', inputs: { URL: `${api.origin}/big`, Query: { bytes: 5000 } } }], { connections })
    assert.equal(run.status, 'failed')
    assert.match(run.error!.message, /the answer is larger than 1000 bytes \(maxResponseBytes\)/)
    assert.equal(api.requests.length, 1)
    const small = await runCards([{ id: 'small', card: 'http.rawRequest', inputs: { URL: `${api.origin}/big`, Query: { bytes: 1000 } } }], { connections })
    assert.equal((cardOf(small, 'small').outputs['Body'] as string).length, 1000)
  })

  it('records the request in dry-run mode and sends nothing, an Authorization header redacted', async () => {
    const cards: CardSpec[] = [
      { id: 'create', card: 'http.post', inputs: { URL: `${api.origin}/echo/users?notify=true`, Query: { team: 'it' }, Headers: { Authorization: 'Bearer typed-in-flow-1234', 'X-Request-Id': 'r-1' }, Body: { name: 'Jane' } } },
    ]
    const run = await runCards(cards, { dryRun: true })
    assert.equal(run.status, 'succeeded')
    assert.equal(api.requests.length, 0)
    assert.deepEqual(run.outbound, [
      {
        cardId: 'create',
        connector: 'http',
        operation: `POST ${api.origin}/echo/users`,
        request: {
          method: 'POST',
          url: `${api.origin}/echo/users`,
          query: { notify: 'true', team: 'it' },
          headers: { authorization: '[REDACTED]', 'x-request-id': 'r-1', 'content-type': 'application/json', accept: 'application/json' },
          body: { name: 'Jane' },
        },
        result: 'recorded',
        attempts: 0,
      },
    ])
    assert.deepEqual(cardOf(run, 'create').outputs, { 'Status Code': 200, Headers: {}, Body: {} })
  })
})
