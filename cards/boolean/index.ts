/** The boolean family: every card and trigger it registers. Add a card here and in its own file. */
import and from './and.ts'
import compare from './compare.ts'
import not from './not.ts'
import or from './or.ts'

export const cards = [and, compare, not, or]
