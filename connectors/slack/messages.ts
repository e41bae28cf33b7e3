/** `chat.postMessage`, shared by the Slack cards. */
import { type Static, Type } from '@sinclair/typebox'
import type { CardContext } from '../../engine/card.ts'
import { slack } from './index.ts'

export const MessageOutput = Type.Object({
  Timestamp: Type.String({ description: "Slack's `ts` of the message." }),
  Channel: Type.String({ description: 'Id of the channel the message went to.' }),
})

export type Message = Static<typeof MessageOutput>

export async function postMessage(ctx: CardContext, channel: string, text: string, botName: string | undefined): Promise<Message> {
  return ctx.call({
    connector: slack,
    operation: 'chat.postMessage',
    request: { channel, text, ...(botName && { username: botName }) },
    // Posting twice would show the message twice.
    idempotent: false,
    async send(client) {
      const res = await client.chat.postMessage({ channel, text, ...(botName && { username: botName }) })
      return { Timestamp: res.ts ?? '', Channel: res.channel ?? channel }
    },
    dryRun() {
      return { Timestamp: `${Math.floor(ctx.now().getTime() / 1000)}.000100`, Channel: channel }
    },
  })
}
