/** The number family: every card and trigger it registers. Add a card here and in its own file. */
import add from './add.ts'
import divide from './divide.ts'
import factorial from './factorial.ts'
import formula from './formula.ts'
import multiply from './multiply.ts'
import remainder from './remainder.ts'
import round from './round.ts'
import subtract from './subtract.ts'

export const cards = [add, divide, factorial, formula, multiply, remainder, round, subtract]
