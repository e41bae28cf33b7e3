/** The object family: every card and trigger it registers. Add a card here and in its own file. */
import clearEmpty from './clear-empty.ts'
import collapse from './collapse.ts'
import construct from './construct.ts'
import filter from './filter.ts'
import get from './get.ts'
import getMultiple from './get-multiple.ts'
import keys from './keys.ts'
import merge from './merge.ts'
import move from './move.ts'
import set from './set.ts'
import size from './size.ts'
import split from './split.ts'
import unset from './unset.ts'
import unzip from './unzip.ts'
import values from './values.ts'
import zip from './zip.ts'

export const cards = [clearEmpty, collapse, construct, filter, getMultiple, get, keys, merge, move, set, size, split, unset, unzip, values, zip]
