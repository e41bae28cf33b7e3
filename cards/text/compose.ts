import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { type Escape, textOf } from '../../engine/values.ts'
import { templateOf } from '../../importer/mapping.ts'

const escapeOf = (format: unknown): Escape | undefined => (format === 'html' || format === 'slack' ? format : undefined)

export default defineCard({
  type: 'text.compose',
  title: 'Text - Compose',
  description:
    'Composes text with fields dropped in. `text` is a Handlebars template from the flow file: ' +
    '`{{card.Output Name}}` inserts a value; lists and objects print as JSON. With `format: html` or ' +
    '`format: slack` the inserted values are escaped for that markup while your own text is kept as written.',
  kind: 'function',
  inputs: Type.Object({
    text: Type.Unknown({ description: 'The text, with {{references}} to other cards.' }),
    format: Type.Optional(
      Type.Union([Type.Literal('text'), Type.Literal('html'), Type.Literal('slack')], {
        default: 'text',
        description: 'The markup the text is written in; values dropped into html or slack text are escaped.',
      }),
    ),
  }),
  outputs: Type.Object({ output: Type.String() }),
  escape: (input, inputs) => (input === 'text' ? escapeOf(inputs.format) : undefined),
  escapedOutput: (inputs) => escapeOf(inputs.format),
  examples: [
    { title: 'keeps literal text and turns values into text', inputs: { text: 'Hello' }, outputs: { output: 'Hello' } },
  ],
  okta: { keys: ['string:compose'], map: (v) => ({ inputs: { text: templateOf(v) } }) },
  run: (_ctx, { text }) => ({ output: textOf(text) }),
})
