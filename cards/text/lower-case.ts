import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'text.lowerCase',
  title: 'Text - Lowercase',
  description: 'The text in lower case.',
  kind: 'function',
  inputs: Type.Object({ string: Type.Unknown() }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'lowers every letter', inputs: { string: 'Ann.LEE@Example.com' }, outputs: { output: 'ann.lee@example.com' } },
  ],
  okta: { keys: ['string:toLowerCase'], map: sameKeys(['string']) },
  run: (_ctx, { string }) => ({ output: textOf(string).toLowerCase() }),
})
