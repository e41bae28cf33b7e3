import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'text.find',
  title: 'Text - Find',
  description:
    'The position of the first `target` in `string` (0 is the first character), searching from `start`; -1 when ' +
    'it is not there. Plain text, case-sensitive; positions are those Text Segment takes. Null text finds nothing; an ' +
    'empty `target` is found where the search starts.',
  kind: 'function',
  inputs: Type.Object({
    string: Type.Unknown({ description: 'The text to look in.' }),
    target: Type.Unknown({ description: 'The text to look for.' }),
    start: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'Where to start looking.' })),
  }),
  outputs: Type.Object({ output: Type.Integer() }),
  examples: [
    { title: 'gives the position of the first match', inputs: { string: 'ann.lee@example.com', target: '@' }, outputs: { output: 7 } },
    { title: 'gives -1 when not found', inputs: { string: 'ann.lee@example.com', target: '#' }, outputs: { output: -1 } },
    { title: 'is case-sensitive', inputs: { string: 'Example', target: 'e' }, outputs: { output: 6 } },
    { title: 'starts where asked', inputs: { string: 'a.b.c', target: '.', start: 2 }, outputs: { output: 3 } },
    { title: 'null text finds nothing', inputs: { string: null, target: 'a' }, outputs: { output: -1 } },
  ],
  okta: {
    keys: ['string:indexOf', 'string:find'],
    map: (v) => mapped({ string: inputOf(v, ['string', 'text'], 0) ?? null, target: inputOf(v, ['target', 'search', 'src'], 1) ?? null, start: inputOf(v, ['start', 'position']) }),
  },
  run: (_ctx, { string, target, start }) => {
    const text = textOf(string)
    const from = start ?? 0
    if (from > text.length) return { output: -1 }
    return { output: text.indexOf(textOf(target), from) }
  },
})
