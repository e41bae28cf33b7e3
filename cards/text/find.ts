import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'text.find',
  title: 'Text - Find',
  description:
    'The position of the first `target` (Okta\'s "look for") in `string` ("look in"), counting from 0; -1 when it ' +
    'is not there. `output` is Okta\'s "position". Plain text and case-sensitive (for patterns, use Find Pattern); ' +
    'positions are those Text Segment takes. Null text finds nothing; an empty `target` is found at 0.',
  kind: 'function',
  inputs: Type.Object({
    string: Type.Unknown({ description: 'look in: the text to search.' }),
    target: Type.Unknown({ description: 'look for: the text to find.' }),
  }),
  outputs: Type.Object({ output: Type.Integer() }),
  examples: [
    { title: 'Okta\'s example: "T" is at 0 in "This is a test"', inputs: { string: 'This is a test', target: 'T' }, outputs: { output: 0 } },
    { title: 'Okta\'s example: "test" is at 10', inputs: { string: 'This is a test', target: 'test' }, outputs: { output: 10 } },
    { title: 'Okta\'s example: "hello" is not there', inputs: { string: 'This is a test', target: 'hello' }, outputs: { output: -1 } },
    { title: 'is case-sensitive', inputs: { string: 'This is a test', target: 't' }, outputs: { output: 10 } },
    { title: 'null text finds nothing', inputs: { string: null, target: 'a' }, outputs: { output: -1 } },
  ],
  okta: {
    keys: ['string:indexOf', 'string:find'],
    map: (v) => mapped({ string: inputOf(v, ['string', 'text'], 0) ?? null, target: inputOf(v, ['target', 'search', 'src'], 1) ?? null }, { position: 'output' }),
  },
  run: (_ctx, { string, target }) => ({ output: textOf(string).indexOf(textOf(target)) }),
})
