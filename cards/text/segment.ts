import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'text.segment',
  title: 'Text - Text Segment',
  description: 'The part of `string` from position `start` (0 is the first character) up to, not including, `end`; without `end`, to the end.',
  kind: 'function',
  inputs: Type.Object({
    string: Type.Unknown(),
    start: Type.Integer({ minimum: 0, default: 0 }),
    end: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null(), Type.Literal('')])),
  }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'cuts from start to end', inputs: { string: 'cardflow', start: 0, end: 4 }, outputs: { output: 'card' } },
  ],
  okta: { keys: ['string:substr'], map: sameKeys(['string', 'start', 'end']) },
  run: (_ctx, { string, start, end }) => ({ output: textOf(string).slice(start, typeof end === 'number' ? end : undefined) }),
})
