import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { regexOf } from '../lib/regex.ts'
import { mapped, named } from '../../importer/mapping.ts'

export default defineCard({
  type: 'text.replacePattern',
  title: 'Text - Replace Pattern',
  description: 'Replaces what matches any of the regular expressions in `patterns` with `replacement`, each pattern in turn.',
  kind: 'function',
  inputs: Type.Object({
    text: Type.Unknown(),
    patterns: Type.Array(Type.String(), { maxItems: 100 }),
    replacement: Type.String({ default: '' }),
    global: Type.Boolean({ default: true }),
    'case sensitive': Type.Boolean({ default: true }),
  }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    { title: 'replaces every match of each pattern', inputs: { text: 'a-b_c', patterns: ['-', '_'], replacement: ' ' }, outputs: { output: 'a b c' } },
  ],
  okta: {
    keys: ['string:replaceAny'],
    map: (v) =>
      mapped({
        text: v.input('text'),
        patterns: Object.values(named(v, ['text', 'replacement', 'global', 'case sensitive'])),
        replacement: v.input('replacement') ?? '',
        global: v.input('global'),
        'case sensitive': v.input('case sensitive'),
      }),
  },
  run(ctx, inputs) {
    const flags = `${inputs.global ? 'g' : ''}${inputs['case sensitive'] ? '' : 'i'}`
    let out = textOf(inputs.text)
    for (const p of inputs.patterns.filter((x) => x !== '')) out = out.replace(regexOf(p, flags, ctx.cardId), () => inputs.replacement)
    return { output: out }
  },
})
