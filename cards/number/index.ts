/** The number family: every card and trigger it registers. Add a card here and in its own file. */
import add from './add.ts'
import formula from './formula.ts'
import multiply from './multiply.ts'

export const cards = [add, formula, multiply]
