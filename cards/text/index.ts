/** The text family: every card and trigger it registers. Add a card here and in its own file. */
import compose from './compose.ts'
import concatenate from './concatenate.ts'
import findPattern from './find-pattern.ts'
import lowerCase from './lower-case.ts'
import replace from './replace.ts'
import replacePattern from './replace-pattern.ts'
import segment from './segment.ts'
import split from './split.ts'

export const cards = [compose, concatenate, findPattern, lowerCase, replacePattern, replace, segment, split]
