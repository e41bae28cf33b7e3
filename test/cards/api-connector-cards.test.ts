/** The API Connector cards' reading of their inputs and of an answer, edge cases first. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildRequest, parsedBody } from '../../cards/lib/api-connector.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { problemsOf } from '../helpers.ts'

describe('API Connector requests from card inputs', () => {
  const query: [what: string, given: Record<string, unknown> | string | undefined, expected: [string, string][]][] = [
    ["Okta's example object", { x: 'one', y: 'two' }, [['x', 'one'], ['y', 'two']]],
    ['numbers and true/false as text', { page: 2, all: false }, [['page', '2'], ['all', 'false']]],
    ['a list repeats the key', { tag: ['a', 'b'] }, [['tag', 'a'], ['tag', 'b']]],
    ['null and a missing value are left out', { a: null, b: undefined, c: '' }, [['c', '']]],
    ['text, with or without "?"', '?a=1&b=x%20y', [['a', '1'], ['b', 'x y']]],
    ['values are encoded when sent, not trusted as query syntax', { q: 'a&b=c#d' }, [['q', 'a&b=c#d']]],
    ['none', undefined, []],
  ]
  for (const [what, given, expected] of query) {
    it(`Query: ${what}`, () => {
      assert.deepEqual(buildRequest('c', 'GET', { URL: 'https://api.example.com/x', Query: given }).request.query, expected)
    })
  }

  it("keeps the URL's own query first and drops its fragment", () => {
    const built = buildRequest('c', 'GET', { URL: 'https://api.example.com/x?a=1#frag', Query: { b: 2 } })
    assert.equal(built.request.url, 'https://api.example.com/x')
    assert.deepEqual(built.request.query, [['a', '1'], ['b', '2']])
    assert.equal(built.operation, 'GET https://api.example.com/x')
    assert.deepEqual(built.record['query'], { a: '1', b: '2' })
  })

  const refused: [what: string, inputs: Parameters<typeof buildRequest>[2], message: RegExp][] = [
    ['an object as a query value', { URL: 'https://a.example/x', Query: { filter: { a: 1 } } }, /Query "filter" is an object/],
    ['a header name with a space', { URL: 'https://a.example/x', Headers: { 'X Bad': 'v' } }, /"X Bad" is not a valid header name/],
    ['a Host header', { URL: 'https://a.example/x', Headers: { Host: 'internal' } }, /Host is set from the request itself/],
    ['a Transfer-Encoding header', { URL: 'https://a.example/x', Headers: { 'Transfer-Encoding': 'chunked' } }, /Transfer-Encoding is set from the request itself/],
    ['a proxy header', { URL: 'https://a.example/x', Headers: { 'Proxy-Authorization': 'Basic x' } }, /Proxy-Authorization is set from the request itself/],
    ['a header value with a line break', { URL: 'https://a.example/x', Headers: { 'X-A': 'a\nb' } }, /the value of X-A holds a line break/],
    ['a javascript: URL', { URL: 'javascript:alert(1)' }, /only http and https URLs are allowed/],
  ]
  for (const [what, inputs, message] of refused) {
    it(`refuses ${what}`, () => {
      assert.throws(() => buildRequest('c', 'GET', inputs), (err: unknown) => err instanceof CardFailedError && message.test(err.message))
    })
  }

  it('sends header values as text: numbers as they are, objects as JSON, names in lower case', () => {
    const { headers } = buildRequest('c', 'GET', { URL: 'https://a.example/x', Headers: { 'X-Count': 3, 'X-Meta': { a: 1 }, 'X-None': null } }).request
    assert.deepEqual(headers, { 'x-count': '3', 'x-meta': '{"a":1}' })
  })
})

describe('API Connector answers as outputs', () => {
  const bodies: [what: string, text: string, type: string | undefined, expected: unknown][] = [
    ['JSON by its Content-Type', '{"a":1}', 'application/json; charset=utf-8', { a: 1 }],
    ['a +json type', '[1,2]', 'application/scim+json', [1, 2]],
    ['JSON without a Content-Type', '  {"a":1}', undefined, { a: 1 }],
    ['text that says JSON but is not', '{oops', 'application/json', '{oops'],
    ['XML as text', '<a/>', 'application/xml', '<a/>'],
    ['a number in plain text stays text', '42', 'text/plain', '42'],
    ['no body as null', '', 'application/json', null],
  ]
  for (const [what, text, type, expected] of bodies) {
    it(`Body: ${what}`, () => {
      assert.deepEqual(parsedBody({ status: 200, headers: type ? { 'content-type': type } : {}, text }), expected)
    })
  }
})

describe('API Connector - Close', () => {
  const flow = (statusCode: number) => `
name: close
trigger: { id: request, card: http.apiEndpoint, options: { mode: sync } }
cards:
  - id: done
    card: http.close
    inputs: { statusCode: ${statusCode} }
`
  for (const code of [100, 201, 204, 302, 399, 600]) {
    it(`refuses statusCode ${code} when the flow is checked (Okta: 200, or 400 through 599)`, () => {
      assert.ok(problemsOf(flow(code)).some((p) => p.includes(`statusCode must be 200 or from 400 through 599, not ${code}`)), problemsOf(flow(code)).join('\n'))
    })
  }
  for (const code of [200, 400, 503, 599]) {
    it(`takes statusCode ${code}`, () => assert.deepEqual(problemsOf(flow(code)), []))
  }
})
