import { Type } from '@sinclair/typebox'
import { http, type HttpMethod } from '../../connectors/http/index.ts'
import { defineCard } from '../../engine/card.ts'
import { mapped } from '../../importer/mapping.ts'
import { buildRequest, exportedObject, exportedText, HEADERS_INPUT, METHODS, QUERY_INPUT, RESPONSE_OUTPUTS, send, URL_INPUT } from '../lib/api-connector.ts'

const PETS = 'http://petstore-demo-endpoint.execute-api.com/petstore/pets'
const OK = { 'Status Code': 200, Headers: {}, Body: '{}' }

export default defineCard({
  type: 'http.rawRequest',
  title: 'API Connector - Raw Request',
  description:
    'Performs a raw HTTP request, with control of every part of it: for XML or HTML services, a JSON list, or ' +
    'keys known only at run time (build the text with JSON Stringify or XML Build). Body is sent and returned as ' +
    'text, never parsed (use JSON Parse or XML Parse on it). A 4xx or 5xx answer fails the card with its status; ' +
    'redirects are not followed. GET, PUT and DELETE are retried after a 5xx, a dropped connection or a timeout; ' +
    'POST and PATCH are not.',
  kind: 'connector',
  connector: http,
  inputs: Type.Object({
    URL: URL_INPUT,
    Method: Type.Union(METHODS.map((m) => Type.Literal(m)), { default: 'GET', description: 'GET, POST, PUT, PATCH or DELETE.' }),
    Query: QUERY_INPUT,
    Headers: HEADERS_INPUT,
    Body: Type.Optional(Type.String({ description: 'The request body as text, sent as it is (no Content-Type is added: give it in Headers).' })),
  }),
  outputs: Type.Object({ ...RESPONSE_OUTPUTS, Body: Type.String({ description: 'The response body as text.' }) }),
  examples: [
    {
      title: 'gets the Pet Store pets with headers and query objects (Okta\'s tutorial)',
      inputs: { URL: PETS, Method: 'GET', Headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, Query: { type: 'Dog', page: '2' } },
      outputs: OK,
    },
    {
      title: 'posts XML built by XML Build',
      inputs: { URL: 'https://soap.example.com/ws', Method: 'POST', Headers: { 'Content-Type': 'text/xml' }, Body: '<user><id>42</id></user>' },
      outputs: OK,
    },
    { title: 'posts a JSON list made by JSON Stringify', inputs: { URL: 'https://api.example.com/v1/bulk', Method: 'POST', Headers: { 'Content-Type': 'application/json' }, Body: '[{"id":1},{"id":2}]' }, outputs: OK },
    { title: 'knows only GET, POST, PUT, PATCH and DELETE', inputs: { URL: PETS, Method: 'TRACE' }, error: 'Method' },
  ],
  okta: {
    keys: ['httpfunctions:raw'],
    map: (v) =>
      mapped({
        URL: exportedText(v, 'URL'),
        Method: exportedText(v, 'Method'),
        Query: exportedObject(v, 'Query'),
        Headers: exportedObject(v, 'Headers'),
        Body: exportedText(v, 'Body'),
      }),
  },
  async run(ctx, inputs) {
    const method = inputs.Method as HttpMethod
    const text = inputs.Body === undefined || inputs.Body === '' ? undefined : inputs.Body
    const built = buildRequest(ctx.cardId, method, inputs, text === undefined ? {} : { text })
    // a dry run answers `{}`, the most common body, so a JSON Parse after the card can run too
    const answer = await send(ctx, method, built, () => ({ status: 200, headers: {}, text: '{}' }))
    return { 'Status Code': answer.status, Headers: answer.headers, Body: answer.text }
  },
})
