/** The boolean family: every card and trigger it registers. Add a card here and in its own file. */
import and from './and.ts'
import compare from './compare.ts'

export const cards = [and, compare]
