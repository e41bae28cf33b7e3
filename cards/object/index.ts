/** The object family: every card and trigger it registers. Add a card here and in its own file. */
import construct from './construct.ts'
import get from './get.ts'
import getMultiple from './get-multiple.ts'

export const cards = [construct, getMultiple, get]
