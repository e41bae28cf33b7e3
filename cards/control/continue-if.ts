import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { compare, OPERATORS } from '../lib/compare.ts'
import { comparison, defined } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.continueIf',
  title: 'Continue If',
  description:
    'Lets the flow go on when the comparison is true. When false the flow stops normally ' +
    '(status `stopped`, not an error) and `message` is shown in history. Inside an If/Else branch it ends ' +
    'the branch only and the flow goes on after the block, as in Okta. Return Error If stops with an error.',
  kind: 'control',
  inputs: Type.Object({
    a: Type.Unknown({ description: 'value a' }),
    operator: Type.Union(OPERATORS.map((op) => Type.Literal(op))),
    b: Type.Optional(Type.Unknown()),
    message: Type.String({ default: 'Continue If condition was false' }),
  }),
  outputs: Type.Object({}),
  stops: { when: 'false', messageInput: 'message' },
  examples: [
    { title: 'goes on when the condition holds', inputs: { a: 'ACTIVE', operator: 'equal', b: 'ACTIVE' }, outputs: {} },
  ],
  okta: { keys: ['control:continueIf'], map: (v) => ({ inputs: defined({ ...comparison()(v).inputs, message: v.input('message') || undefined }) }) },
  run(ctx, { a, operator, b, message }) {
    if (!compare(a, operator, b)) ctx.stop(message)
    return {}
  },
})
