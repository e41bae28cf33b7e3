import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'text.split',
  title: 'Text - Split',
  description: 'Splits text into a list at each separator. Items are trimmed and empty items dropped.',
  kind: 'function',
  inputs: Type.Object({
    text: Type.Unknown({ description: 'The text to split; null or missing gives an empty list.' }),
    separator: Type.String({ default: ',', minLength: 1 }),
  }),
  outputs: Type.Object({ output: Type.Array(Type.String()) }),
  examples: [
    { title: 'splits on a comma', inputs: { text: 'firstName,lastName,email', separator: ',' }, outputs: { output: ['firstName', 'lastName', 'email'] } },
  ],
  okta: { keys: ['string:split'], map: (v) => mapped({ text: v.input('string') ?? '', separator: v.input('delimiter') }) },
  run(_ctx, { text, separator }) {
    const parts = textOf(text).split(separator)
    return { output: parts.map((p) => p.trim()).filter((p) => p !== '') }
  },
})
