import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { twoOrMore, twoOrMoreInputs } from '../lib/extensible.ts'
import { truthy } from '../lib/truthy.ts'

export default defineCard({
  type: 'boolean.and',
  title: 'True/False - And',
  description:
    '`output` (Okta\'s "all true?") is true when `a`, `b` and every value in `more` (the inputs added with ' +
    '"click or drop here to create") are true. true, "true" and "yes" count as true; anything else, null included, as false.',
  kind: 'function',
  inputs: twoOrMoreInputs('input 1', 'input 2', 'true/false values'),
  outputs: Type.Object({ output: Type.Boolean() }),
  examples: [
    { title: 'is true only when both are', inputs: { a: true, b: false }, outputs: { output: false } },
    { title: 'checks every added input too', inputs: { a: true, b: 'yes', more: [true, 'TRUE'] }, outputs: { output: true } },
    { title: 'counts null as false', inputs: { a: true, b: null }, outputs: { output: false } },
  ],
  okta: { keys: ['boolean:and'], map: twoOrMore },
  run: (_ctx, { a, b, more }) => ({ output: [a, b, ...(more ?? [])].every(truthy) }),
})
