import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { regexOf } from '../lib/regex.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'text.findPattern',
  title: 'Text - Find Pattern',
  description: 'Searches `string` for the regular expression `target`; `output` is the first match, or empty text when none.',
  kind: 'function',
  inputs: Type.Object({ string: Type.Unknown(), target: Type.String({ minLength: 1 }) }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'finds the first match', inputs: { string: 'order 123 and 456', target: '[0-9]+' }, outputs: { output: '123' } },
  ],
  okta: { keys: ['string:match'], map: sameKeys(['string', 'target']) },
  run: (ctx, { string, target }) => ({ output: regexOf(target, '', ctx.cardId).exec(textOf(string))?.[0] ?? '' }),
})
