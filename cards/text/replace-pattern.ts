import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/values.ts'
import { regexOf } from './regex.ts'

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
  run(ctx, inputs) {
    const flags = `${inputs.global ? 'g' : ''}${inputs['case sensitive'] ? '' : 'i'}`
    let out = textOf(inputs.text)
    for (const p of inputs.patterns.filter((x) => x !== '')) out = out.replace(regexOf(p, flags, ctx.cardId), () => inputs.replacement)
    return { output: out }
  },
})
