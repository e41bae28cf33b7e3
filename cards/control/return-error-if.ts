import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { ReturnedError } from '../../engine/errors.ts'
import { compare, OPERATORS } from '../lib/compare.ts'
import { STATUS_CODE } from './return-error.ts'
import { comparison, defined, inputOf } from '../../importer/mapping.ts'

export default defineCard({
  type: 'control.returnErrorIf',
  title: 'Return Error If',
  description:
    'Ends the flow as failed with your `message` (error code RETURN_ERROR) and `statusCode` when the comparison ' +
    '(value `a`, `operator`, value `b`) is true; otherwise the flow goes on. Continue If is the opposite: it ' +
    'ends the flow, without an error, when its comparison is false.',
  kind: 'control',
  inputs: Type.Object({
    a: Type.Unknown({ description: 'value a' }),
    operator: Type.Union(OPERATORS.map((op) => Type.Literal(op)), { description: 'comparison' }),
    b: Type.Optional(Type.Unknown({ description: 'value b' })),
    message: Type.String({ default: 'Return Error If condition was true', description: 'The error message when the condition is true.' }),
    statusCode: STATUS_CODE,
  }),
  outputs: Type.Object({}),
  examples: [
    { title: 'fails when the condition holds', inputs: { a: null, operator: 'is empty', message: 'User not found.', statusCode: 404 }, error: 'User not found.' },
    { title: 'goes on when it does not', inputs: { a: '00u1', operator: 'is empty', message: 'User not found.' }, outputs: {} },
    { title: 'numbers compare as numbers', inputs: { a: 80, operator: 'greater than', b: 9, message: 'too many' }, error: 'too many' },
  ],
  okta: { keys: ['control:throwIf'], map: (v) => ({ inputs: defined({ ...comparison()(v).inputs, message: inputOf(v, ['message']) ?? undefined, statusCode: inputOf(v, ['statusCode']) || undefined }) }) },
  run(ctx, { a, operator, b, message, statusCode }) {
    if (compare(a, operator, b)) throw new ReturnedError(message, statusCode, ctx.cardId)
    return {}
  },
})
