import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.returnRaw',
  title: 'Return Raw',
  description: 'Ends the flow with the HTTP answer of an API Endpoint flow: status code, headers and body as given. Inside an If/Else branch it ends the branch only.',
  kind: 'control',
  inputs: Type.Object({
    statusCode: Type.Integer({ minimum: 200, maximum: 599, default: 200 }),
    headers: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    body: Type.Optional(Type.Unknown()),
  }),
  outputs: Type.Object({ statusCode: Type.Integer(), headers: Type.Record(Type.String(), Type.Unknown()), body: Type.Unknown() }),
  ends: true,
  result: ({ statusCode, headers, body }) => ({ kind: 'http', statusCode, headers, body }),
  examples: [
    { title: 'answers 201 with a header and a JSON body', inputs: { statusCode: 201, headers: { location: '/users/42' }, body: { id: 42 } }, outputs: { statusCode: 201, headers: { location: '/users/42' }, body: { id: 42 } } },
  ],
  okta: { keys: ['control:returnRaw'], map: sameKeys(['statusCode', 'headers', 'body']) },
  run: (_ctx, { statusCode, headers, body }) => ({ statusCode, headers, body: body ?? null }),
})
