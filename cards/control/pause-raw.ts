import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.pauseRaw',
  title: 'Pause Raw',
  description:
    'Pauses the flow and answers the caller with a raw HTTP response (`statusCode` 200 or 400 to 599, `headers`, ' +
    '`body`); the flow goes on when a resume request comes, whose `Headers` and `Body` are the outputs. `flow test` ' +
    'records the pause and goes on with them null; a run started to suspend ends `waiting` until resumed.',
  kind: 'control',
  inputs: Type.Object({
    statusCode: Type.Integer({ minimum: 200, maximum: 599, default: 200 }),
    headers: Type.Record(Type.String(), Type.Unknown(), { default: {} }),
    body: Type.Optional(Type.Unknown()),
  }),
  outputs: Type.Object({ Headers: Type.Unknown(), Body: Type.Unknown() }),
  check: ({ statusCode }) => (typeof statusCode === 'number' && statusCode !== 200 && statusCode < 400 ? [`statusCode ${statusCode}: Okta's Pause Raw answers 200 or 400 to 599`] : []),
  examples: [
    { title: 'a status code Okta does not answer with', inputs: { statusCode: 202, headers: {}, body: 'waiting' }, error: 'answers 200 or 400 to 599' },
    { title: 'answers 200 and goes on', inputs: { statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'waiting' }, outputs: { Headers: null, Body: null } },
  ],
  okta: { keys: ['control:pauseRaw'], map: sameKeys(['statusCode', 'headers', 'body']) },
  run(ctx, { statusCode, headers, body }) {
    const sent = ctx.pause({ kind: 'http', statusCode, headers, body: body ?? null })
    return { Headers: sent.headers ?? sent.Headers ?? null, Body: sent.body ?? sent.Body ?? null }
  },
})
