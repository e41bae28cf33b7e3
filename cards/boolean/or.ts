import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { twoOrMore, twoOrMoreInputs } from '../lib/extensible.ts'
import { truthy } from '../lib/truthy.ts'

export default defineCard({
  type: 'boolean.or',
  title: 'True/False - Or',
  description:
    '`output` (Okta\'s "any true?") is true when at least one of `a`, `b` and the values in `more` (the inputs added ' +
    'with "click or drop here to create") is true, false when all are false. true, "true" and "yes" count as true; ' +
    'anything else, null included, as false.',
  kind: 'function',
  inputs: twoOrMoreInputs('input 1', 'input 2', 'true/false values'),
  outputs: Type.Object({ output: Type.Boolean() }),
  examples: [
    { title: 'is true when one input is', inputs: { a: false, b: true }, outputs: { output: true } },
    { title: 'is false when all are false', inputs: { a: false, b: 'no', more: [null, false] }, outputs: { output: false } },
    { title: 'looks at added inputs', inputs: { a: false, b: false, more: ['yes'] }, outputs: { output: true } },
  ],
  okta: { keys: ['boolean:or'], map: twoOrMore },
  run: (_ctx, { a, b, more }) => ({ output: [a, b, ...(more ?? [])].some(truthy) }),
})
