import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'okta.customApiAction',
  title: 'Okta - Custom API Action',
  description:
    'Calls any Okta management API endpoint with the connection\'s API token: `Relative URL` such as ' +
    '`/api/v1/apps` (the org URL is the connection\'s). Only GET is retried after a 5xx or a network error.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({
    'Request Type': Type.Union(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => Type.Literal(m)), { default: 'GET' }),
    'Relative URL': Type.String({ pattern: '^/', description: 'Path under the org URL, e.g. `/api/v1/users/{id}/roles`.' }),
    Query: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Query parameters.' })),
    Headers: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Extra headers; Authorization is always the connection\'s token.' })),
    Body: Type.Optional(Type.Unknown({ description: 'Sent as JSON.' })),
  }),
  outputs: Type.Object({
    'Status Code': Type.Integer(),
    Headers: Type.Record(Type.String(), Type.String()),
    Body: Type.Unknown(),
  }),
  examples: [
    { title: 'reads a user\'s roles', inputs: { 'Request Type': 'GET', 'Relative URL': '/api/v1/users/00u1abcd/roles' }, outputs: { 'Status Code': 200, Headers: {}, Body: {} } },
  ],
  okta: {
    keys: ['okta:hTTPRequest'],
    map: (v) =>
      mapped({
        'Request Type': v.input('requestType'),
        'Relative URL': v.input('Relative URL'),
        // Okta leaves unused object fields as empty text
        Query: v.input('Query') || undefined,
        Headers: v.input('Headers') || undefined,
        Body: v.input('Body') === '' ? undefined : v.input('Body'),
      }),
  },
  async run(ctx, inputs) {
    const method = inputs['Request Type'] as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
    const path = inputs['Relative URL']
    const query = Object.fromEntries(Object.entries(inputs.Query ?? {}).map(([k, v]) => [k, String(v)]))
    const res = await ctx.call({
      connector: okta,
      operation: `${method} ${path}`,
      request: { method, path, ...(inputs.Query && { query }), ...(inputs.Body !== undefined && { body: inputs.Body }) },
      idempotent: method === 'GET',
      send: (client, signal) => client.exchange(method, path, { query, ...(inputs.Headers && { headers: inputs.Headers }), ...(inputs.Body !== undefined && { body: inputs.Body }), signal }),
      dryRun: () => ({ status: method === 'DELETE' ? 204 : 200, headers: {}, body: method === 'DELETE' ? null : {} }),
    })
    return { 'Status Code': res.status, Headers: res.headers, Body: res.body ?? null }
  },
})
