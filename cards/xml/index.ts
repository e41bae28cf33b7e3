/** The xml family: every card it registers. Add a card here and in its own file. */
import build from './build.ts'
import parse from './parse.ts'

export const cards = [build, parse]
