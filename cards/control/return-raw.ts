import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'

export default defineCard({
  type: 'control.returnRaw',
  title: 'Return Raw',
  description: 'The HTTP answer of an API Endpoint flow, status code, headers and body as given.',
  kind: 'control',
  inputs: Type.Object({
    statusCode: Type.Integer({ minimum: 100, maximum: 599, default: 200 }),
    headers: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    body: Type.Optional(Type.Unknown()),
  }),
  outputs: Type.Object({ statusCode: Type.Integer(), headers: Type.Record(Type.String(), Type.Unknown()), body: Type.Unknown() }),
  run: (_ctx, { statusCode, headers, body }) => ({ statusCode, headers, body: body ?? null }),
})
