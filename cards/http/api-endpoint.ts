import { Type } from '@sinclair/typebox'
import { defineTrigger } from '../../engine/card.ts'

export default defineTrigger({
  type: 'http.apiEndpoint',
  title: 'API Endpoint',
  description:
    'Exposes the flow at `/api/flows/<flow file name>/invoke` under `flow serve`. It runs once per ' +
    'request; an Okta event hook pointed here delivers several events in `body.data.events`.',
  kind: 'trigger',
  eventTypes: [],
  options: Type.Object({
    security: Type.Union([Type.Literal('client token'), Type.Literal('public')], {
      default: 'client token',
      description: '`client token` (query `clientToken` or header `x-api-client-token`) or `public`.',
    }),
    mode: Type.Union([Type.Literal('async'), Type.Literal('sync')], {
      default: 'async',
      description: '`sync` answers with the Return card output; `async` answers 202 with the run id.',
    }),
  }),
  http: (options) => ({ public: options.security === 'public', sync: options.mode === 'sync' }),
  okta: {
    keys: ['http:accept'],
    // the fields an author adds under body, headers or query are read from there
    outputPath: (key, group) => (group === 'body' || group === 'headers' || group === 'query' ? [group, key] : undefined),
  },
  outputs: Type.Object({
    headers: Type.Record(Type.String(), Type.String(), { description: 'Request headers, lower-case keys.' }),
    body: Type.Unknown(),
    query: Type.Record(Type.String(), Type.Unknown()),
  }),
})
