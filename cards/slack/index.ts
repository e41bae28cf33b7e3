/** The slack family: every card and trigger it registers. Add a card here and in its own file. */
import sendDirectMessage from './send-direct-message.ts'
import sendMessageToChannel from './send-message-to-channel.ts'

export const cards = [sendDirectMessage, sendMessageToChannel]
