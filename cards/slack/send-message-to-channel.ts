import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { MessageOutput, postMessage } from '../../connectors/slack/messages.ts'
import { slack } from '../../connectors/slack/index.ts'
import { mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'slack.sendMessageToChannel',
  title: 'Slack - Send Message to Channel',
  description:
    'Posts a message to a Slack channel with `chat.postMessage`. `channel` is a channel id (`C0123…`) or name ' +
    '(`#general`); the bot must be in the channel. `bot name` needs the `chat:write.customize` scope. ' +
    'Output `Message.Timestamp` is Slack\'s `ts`, which identifies the message.',
  kind: 'connector',
  // Slack mrkdwn: values dropped into the text cannot add mentions, links or formatting
  escape: (input) => (input === 'text' ? 'slack' : undefined),
  connector: slack,
  inputs: Type.Object({
    channel: Type.String({ minLength: 1, description: 'Channel id or name.' }),
    text: Type.String({ minLength: 1, maxLength: 40_000, description: 'The message; Slack mrkdwn is allowed.' }),
    'bot name': Type.Optional(Type.String({ description: 'Name shown as the sender instead of the app name.' })),
  }),
  outputs: Type.Object({ Message: MessageOutput }),
  examples: [
    { title: 'posts to a channel', inputs: { channel: '#it-alerts', text: 'User ann@example.com was deactivated.' }, outputs: { Message: { Timestamp: '1795168964.000100', Channel: '#it-alerts' } } },
  ],
  okta: { keys: ['slack:sendMessageToChannel2'], map: (v) => mapped({ channel: v.input('channel'), text: v.input('Text') ?? '', 'bot name': v.input('Name') || undefined }, { Timestamp: ['Message', 'Timestamp'] }) },
  run: async (ctx, inputs) => ({ Message: await postMessage(ctx, inputs.channel, inputs.text, inputs['bot name']) }),
})
