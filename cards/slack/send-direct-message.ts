import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { MessageOutput, postMessage } from '../../connectors/slack/messages.ts'
import { slack } from '../../connectors/slack/index.ts'

export default defineCard({
  type: 'slack.sendDirectMessage',
  title: 'Slack - Send Direct Message',
  description:
    'Sends a direct message to a Slack user found by email: `users.lookupByEmail`, then `conversations.open`, ' +
    'then `chat.postMessage` (scopes `users:read.email`, `im:write`, `chat:write`). An unknown email fails ' +
    'with Slack\'s `users_not_found`.',
  kind: 'connector',
  // Slack mrkdwn: values dropped into the text cannot add mentions, links or formatting
  escape: (input) => (input === 'text' ? 'slack' : undefined),
  connector: slack,
  inputs: Type.Object({
    email: Type.String({ minLength: 3, description: "The user's email address in Slack." }),
    text: Type.String({ minLength: 1, maxLength: 40_000, description: 'The message; Slack mrkdwn is allowed.' }),
    'bot name': Type.Optional(Type.String({ description: 'Name shown as the sender instead of the app name.' })),
  }),
  outputs: Type.Object({
    Message: MessageOutput,
    'User ID': Type.String({ description: "The Slack user's id." }),
  }),
  examples: [
    { title: 'messages a user found by email', inputs: { email: 'ann@example.com', text: 'Your profile changed.' }, outputs: { Message: { Timestamp: '1795168964.000100', Channel: 'D0DRYRUN00' }, 'User ID': 'U0DRYRUN00' } },
  ],
  async run(ctx, inputs) {
    const userId = await ctx.call({
      connector: slack,
      operation: 'users.lookupByEmail',
      request: { email: inputs.email },
      idempotent: true,
      send: async (client) => (await client.users.lookupByEmail({ email: inputs.email })).user?.id,
      dryRun: () => 'U0DRYRUN00',
    })
    if (!userId) throw new CardFailedError(`Slack returned no user for ${inputs.email}`, ctx.cardId)
    const channel = await ctx.call({
      connector: slack,
      operation: 'conversations.open',
      request: { users: userId },
      // Opening an open conversation returns the same one.
      idempotent: true,
      send: async (client) => (await client.conversations.open({ users: userId })).channel?.id,
      dryRun: () => 'D0DRYRUN00',
    })
    if (!channel) throw new CardFailedError(`Slack opened no conversation with ${inputs.email}`, ctx.cardId)
    return { Message: await postMessage(ctx, channel, inputs.text, inputs['bot name']), 'User ID': userId }
  },
})
