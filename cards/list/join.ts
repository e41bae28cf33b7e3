import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.join',
  title: 'List - To Text',
  description: 'Joins the items of a list into one text with a separator (Okta\'s "List to Text").',
  kind: 'function',
  inputs: Type.Object({
    list: Type.Array(Type.Unknown()),
    separator: Type.String({ default: ', ' }),
  }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'joins items with a separator', inputs: { list: ['a', 'b', 3], separator: ', ' }, outputs: { output: 'a, b, 3' } },
  ],
  okta: { keys: ['list:join'], map: (v) => mapped({ list: v.input('list'), separator: v.input('delimiter') }, { string: 'output' }) },
  run: (_ctx, { list, separator }) => ({ output: list.map(textOf).join(separator) }),
})
