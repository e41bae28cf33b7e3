import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { LISTS, listsOf, valueKey } from './union.ts'
import { mapped } from '../../importer/mapping.ts'

/** Okta ignores case: text compares lower-cased. */
const caseless = (item: unknown) => valueKey(typeof item === 'string' ? item.toLowerCase() : item)

export default defineCard({
  type: 'list.difference',
  title: 'List - Difference',
  description:
    'The items of `list1` that are in none of the other lists, in the order of `list1` (duplicates kept). ' +
    'Case is ignored: "Beth" is taken out by "beth".',
  kind: 'function',
  inputs: Type.Object(LISTS),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: "Okta's example", inputs: { list1: ['andrew', 'beth', 'carla', 'david', 'elwood'], list2: ['beth', 'david', 'frank', 'gina'] }, outputs: { list: ['andrew', 'carla', 'elwood'] } },
    { title: 'case is ignored', inputs: { list1: ['Beth', 'Ann'], list2: ['beth'] }, outputs: { list: ['Ann'] } },
    { title: 'more lists take out more', inputs: { list1: [1, 2, 3, 2], list2: [1], more: [[3]] }, outputs: { list: [2, 2] } },
  ],
  okta: { keys: ['list:difference'], map: (v) => mapped(listsOf(v)) },
  run(_ctx, { list1, list2, more }) {
    const out = new Set([list2, ...more].flat().map(caseless))
    return { list: list1.filter((item) => !out.has(caseless(item))) }
  },
})
