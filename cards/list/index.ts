/** The list family: every card and trigger it registers. Add a card here and in its own file. */
import addToEnd from './add-to-end.ts'
import addToFront from './add-to-front.ts'
import at from './at.ts'
import collapse from './collapse.ts'
import combineAll from './combine-all.ts'
import construct from './construct.ts'
import difference from './difference.ts'
import filter from './filter.ts'
import filterCustom from './filter-custom.ts'
import find from './find.ts'
import findCustom from './find-custom.ts'
import flatten from './flatten.ts'
import getFirstItem from './get-first-item.ts'
import getLastItem from './get-last-item.ts'
import groupBy from './group-by.ts'
import includes from './includes.ts'
import indexBy from './index-by.ts'
import intersection from './intersection.ts'
import join from './join.ts'
import length from './length.ts'
import map from './map.ts'
import pluck from './pluck.ts'
import reduce from './reduce.ts'
import removeDuplicates from './remove-duplicates.ts'
import reverse from './reverse.ts'
import sample from './sample.ts'
import sort from './sort.ts'
import sortCustom from './sort-custom.ts'
import union from './union.ts'
import uniqueCustom from './unique-custom.ts'

export const cards = [
  addToEnd, addToFront, at, collapse, combineAll, construct, difference, filter, filterCustom, find, findCustom, flatten, getFirstItem,
  getLastItem, groupBy, includes, indexBy, intersection, join, length, map, pluck, reduce, removeDuplicates, reverse, sample, sort,
  sortCustom, union, uniqueCustom,
]
