import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { escapeRegex, regexOf } from '../lib/regex.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'text.replace',
  title: 'Text - Replace',
  description: 'Replaces the text `src` in `string` with `dest` (plain text, not a pattern): every occurrence unless `global` is false; case-insensitive unless `sensitive`.',
  kind: 'function',
  inputs: Type.Object({
    string: Type.Unknown(),
    src: Type.String({ minLength: 1 }),
    dest: Type.String({ default: '' }),
    global: Type.Boolean({ default: true }),
    sensitive: Type.Boolean({ default: true }),
  }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'replaces every occurrence', inputs: { string: 'a.b.c', src: '.', dest: '-' }, outputs: { output: 'a-b-c' } },
  ],
  okta: { keys: ['string:replace'], map: sameKeys(['string', 'src', 'dest', 'global', 'sensitive']) },
  run(ctx, { string, src, dest, global, sensitive }) {
    const re = regexOf(escapeRegex(src), `${global ? 'g' : ''}${sensitive ? '' : 'i'}`, ctx.cardId)
    return { output: textOf(string).replace(re, () => dest) }
  },
})
