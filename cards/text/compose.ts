import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'

export default defineCard({
  type: 'text.compose',
  title: 'Text - Compose',
  description:
    'Composes text with fields dropped in. `text` is a Handlebars template from the flow file: ' +
    '`{{card.Output Name}}` inserts a value; lists and objects print as JSON.',
  kind: 'function',
  inputs: Type.Object({ text: Type.Unknown({ description: 'The text, with {{references}} to other cards.' }) }),
  outputs: Type.Object({ output: Type.String() }),
  run: (_ctx, { text }) => ({ output: textOf(text) }),
})
