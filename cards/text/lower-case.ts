import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'

export default defineCard({
  type: 'text.lowerCase',
  title: 'Text - Lowercase',
  description: 'The text in lower case.',
  kind: 'function',
  inputs: Type.Object({ string: Type.Unknown() }),
  outputs: Type.Object({ output: Type.String() }),
  run: (_ctx, { string }) => ({ output: textOf(string).toLowerCase() }),
})
