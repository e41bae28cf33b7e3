/** The json family: every card and trigger it registers. Add a card here and in its own file. */
import parse from './parse.ts'
import stringify from './stringify.ts'

export const cards = [parse, stringify]
