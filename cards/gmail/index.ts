/** The gmail family: every card and trigger it registers. Add a card here and in its own file. */
import sendEmail from './send-email.ts'

export const cards = [sendEmail]
