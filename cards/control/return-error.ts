import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { ReturnedError } from '../../engine/errors.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export const STATUS_CODE = Type.Optional(
  Type.Integer({ minimum: 100, maximum: 599, description: 'The HTTP status code the error carries, e.g. 404; an API Endpoint flow answers with it.' }),
)

export default defineCard({
  type: 'control.returnError',
  title: 'Return Error',
  description:
    'Ends the flow as failed with your `message` (error code RETURN_ERROR) and an optional `statusCode`. Inside ' +
    'If Error\'s Try steps the error is caught like any other. Continue If ends a flow without an error.',
  kind: 'control',
  inputs: Type.Object({ statusCode: STATUS_CODE, message: Type.String({ description: 'Content of the error message.' }) }),
  outputs: Type.Object({}),
  examples: [
    { title: 'fails the flow with the message', inputs: { statusCode: 404, message: 'User not found.' }, error: 'User not found.' },
    { title: 'an empty message still fails', inputs: { message: '' }, error: '' },
  ],
  okta: { keys: ['control:throw'], map: (v) => mapped({ statusCode: inputOf(v, ['statusCode']) || undefined, message: inputOf(v, ['message'], 0) ?? '' }) },
  run(ctx, { statusCode, message }) {
    throw new ReturnedError(message, statusCode, ctx.cardId)
  },
})
