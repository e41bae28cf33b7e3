/** The jwt family: every card it registers. Add a card here and in its own file. */
import sign from './sign.ts'
import verify from './verify.ts'

export const cards = [sign, verify]
