/** The list family: every card and trigger it registers. Add a card here and in its own file. */
import at from './at.ts'
import construct from './construct.ts'
import filterCustom from './filter-custom.ts'
import getFirstItem from './get-first-item.ts'
import intersection from './intersection.ts'
import join from './join.ts'
import length from './length.ts'
import pluck from './pluck.ts'
import reduce from './reduce.ts'
import sample from './sample.ts'

export const cards = [at, construct, filterCustom, getFirstItem, intersection, join, length, pluck, reduce, sample]
