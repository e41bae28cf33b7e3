/** The encryption family: every card it registers. Add a card here and in its own file. */
import hmac from './hmac.ts'
import sign from './sign.ts'

export const cards = [hmac, sign]
