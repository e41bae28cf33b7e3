import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { okta } from '../../connectors/okta/index.ts'
import { relativeUrlProblem, shown } from '../../connectors/okta/path.ts'
import { defined, mapped } from '../../importer/mapping.ts'
import { oktaPages, oktaSend, pathOf } from '../lib/okta-call.ts'
import { OktaPathError } from '../../connectors/okta/path.ts'
import { readResults } from '../lib/okta-result-set.ts'

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'GET(Streaming)'] as const

function checkedUrl(url: string): string {
  const problem = relativeUrlProblem(url)
  if (problem) throw new OktaPathError(`"Relative URL" ${shown(url)} ${problem}`)
  return url
}

export default defineCard({
  type: 'okta.customApiAction',
  title: 'Okta - Custom API Action',
  description:
    "Calls any Okta management API endpoint with the connection's token: `Relative URL` such as `/api/v1/apps` (the " +
    'org URL is the connection\'s). Values referenced inside the URL are percent-encoded, each as one segment: ' +
    '`/api/v1/users/{{event.Okta User.ID}}/roles` cannot be turned into another path by the event. A URL with a dot ' +
    'segment, a control character or `#` is refused. `GET(Streaming)` follows Okta\'s next links and streams each ' +
    'item to the helper flow `Flow`, up to Record Limit. Only GET is retried after a 5xx or a network error.',
  kind: 'connector',
  connector: okta,
  inputs: Type.Object({
    'Request Type': Type.Union(METHODS.map((m) => Type.Literal(m)), { default: 'GET' }),
    'Relative URL': Type.String({ pattern: '^/', description: 'Path under the org URL, e.g. `/api/v1/users/{id}/roles`; a query may follow `?`.' }),
    Query: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Query parameters, encoded for you.' })),
    Headers: Type.Optional(Type.Record(Type.String(), Type.String(), { description: "Extra headers; Authorization is always the connection's token." })),
    Body: Type.Optional(Type.Unknown({ description: 'Sent as JSON (POST, PUT, PATCH).' })),
    Flow: Type.Optional(Type.String({ minLength: 1, description: 'GET(Streaming): the helper flow each item goes to (`Record`, `State`).' })),
    State: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    'Record Limit': Type.Optional(Type.Integer({ minimum: 0 })),
  }),
  outputs: Type.Object({
    'Status Code': Type.Integer(),
    Headers: Type.Record(Type.String(), Type.String()),
    Body: Type.Unknown(),
    'Records Streamed': Type.Optional(Type.Integer()),
  }),
  // in a URL written with text around its references, each referenced value is one segment (or query value);
  // a sole reference is the whole URL, checked as one
  escape: (input, _inputs, written) => (input === 'Relative URL' && written === 'template' ? 'path' : undefined),
  check: (inputs) => (inputs['Request Type'] === 'GET(Streaming)' && inputs.Flow === undefined ? ['Request Type "GET(Streaming)" streams each item to a helper flow: set "Flow"'] : []),
  examples: [
    { title: "reads a user's roles", inputs: { 'Request Type': 'GET', 'Relative URL': '/api/v1/users/00u1abcd/roles' }, outputs: { 'Status Code': 200, Headers: {}, Body: {} } },
    { title: 'refuses a dot segment', inputs: { 'Relative URL': '/api/v1/users/../apps' }, error: 'has a dot segment' },
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
        Flow: v.input('requestType') === 'GET(Streaming)' ? v.helperFlow('Flow') : undefined,
        'Record Limit': typeof v.input('Limit') === 'number' ? v.input('Limit') : undefined,
      }),
  },
  async run(ctx, inputs) {
    const type = inputs['Request Type']
    const path = pathOf(ctx, () => checkedUrl(inputs['Relative URL']))
    const query = Object.fromEntries(Object.entries(inputs.Query ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))
    if (type === 'GET(Streaming)') {
      const pages = oktaPages(ctx, { operation: `GET ${path}`, path: () => path, query, request: { method: 'GET', path, query, streaming: true }, sample: () => [{}] })
      const { streamed } = await readResults(ctx, pages, { 'Result Set': 'Stream Records', Flow: inputs.Flow, State: inputs.State, 'Record Limit': inputs['Record Limit'] }, (x) => x)
      return { 'Status Code': 200, Headers: {}, Body: null, 'Records Streamed': streamed }
    }
    const method = type
    const res = await oktaSend(ctx, {
      method,
      operation: `${method} ${path}`,
      path: () => path,
      query,
      ...(inputs.Headers && { headers: inputs.Headers }),
      ...(inputs.Body !== undefined && { body: inputs.Body }),
      request: defined({ method, path, query: inputs.Query && query, body: inputs.Body }),
      idempotent: method === 'GET',
      dryRun: () => ({ status: method === 'DELETE' ? 204 : 200, body: method === 'DELETE' ? null : {} }),
    })
    return { 'Status Code': res.status, Headers: res.headers, Body: res.body ?? null }
  },
})
