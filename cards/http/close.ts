import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { mapped } from '../../importer/mapping.ts'
import { exportedObject } from '../lib/api-connector.ts'

/** Okta's rule for Close, as for Return Raw: 200, or an error status. */
const validStatus = (code: unknown) => code === 200 || (typeof code === 'number' && code >= 400 && code <= 599)
const STATUS_RULE = 'statusCode must be 200 or from 400 through 599'

export default defineCard({
  type: 'http.close',
  title: 'API Connector - Close',
  description:
    'Sends the answer to the caller of an API Endpoint flow and closes the connection, like Return or Return Raw, ' +
    'but the flow goes on running. For flows that may not finish before the caller gives up, so the caller does ' +
    'not call again and run the flow twice. The first answer stands: a later Close or Return does not change it. ' +
    'Body fields are answered as JSON, a text body as it is. For API Endpoint flows in `sync` mode; elsewhere it ' +
    'only sets the flow\'s result.',
  kind: 'control',
  inputs: Type.Object({
    statusCode: Type.Integer({ default: 200, description: 'Status code to return to the caller: 200, or from 400 through 599.' }),
    headers: Type.Record(Type.String(), Type.Unknown(), { default: {}, description: 'Response headers, e.g. `{Content-Type: text/plain}`.' }),
    body: Type.Optional(Type.Unknown({ description: 'The values to return, as fields (answered as JSON) or as text.' })),
  }),
  outputs: Type.Object({
    statusCode: Type.Integer(),
    headers: Type.Record(Type.String(), Type.Unknown()),
    body: Type.Unknown({ description: 'What was answered (for history; Okta\'s card has no outputs).' }),
  }),
  check: (inputs) => (inputs['statusCode'] !== undefined && typeof inputs['statusCode'] === 'number' && !validStatus(inputs['statusCode']) ? [`${STATUS_RULE}, not ${inputs['statusCode']}`] : []),
  result: ({ statusCode, headers, body }) => ({ kind: 'http', statusCode, headers, body }),
  answersNow: true,
  examples: [
    { title: 'answers 200 with fields and lets the flow go on', inputs: { body: { status: 'accepted', requestId: 'r-42' } }, outputs: { statusCode: 200, headers: {}, body: { status: 'accepted', requestId: 'r-42' } } },
    { title: 'answers a text body with its Content-Type', inputs: { statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'queued' }, outputs: { statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'queued' } },
    { title: 'answers an error status', inputs: { statusCode: 409, body: { error: 'already running' } }, outputs: { statusCode: 409, headers: {}, body: { error: 'already running' } } },
    { title: 'refuses a redirect status', inputs: { statusCode: 302, headers: { Location: 'https://elsewhere.example' } }, error: STATUS_RULE },
  ],
  okta: {
    keys: ['httpfunctions:close'],
    map: (v) => mapped({ statusCode: v.input('statusCode'), headers: exportedObject(v, 'headers'), body: exportedObject(v, 'body') }),
  },
  run(ctx, { statusCode, headers, body }) {
    if (!validStatus(statusCode)) throw new CardFailedError(`${STATUS_RULE}, not ${statusCode}`, ctx.cardId)
    return { statusCode, headers, body: body ?? null }
  },
})
