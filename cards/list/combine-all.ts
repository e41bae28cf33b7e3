import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { LISTS, listsOf } from './union.ts'
import { mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.combineAll',
  title: 'List - Combine All',
  description: 'One list of every item of the lists, in order, duplicates included (Union gives each value once).',
  kind: 'function',
  inputs: Type.Object(LISTS),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: "Okta's example", inputs: { list1: ['Alan', 'Bob', 'Charles'], list2: ['Alicia', 'Brittany', 'Catherine'] }, outputs: { list: ['Alan', 'Bob', 'Charles', 'Alicia', 'Brittany', 'Catherine'] } },
    { title: 'duplicates stay', inputs: { list1: [1], list2: [1], more: [[2]] }, outputs: { list: [1, 1, 2] } },
  ],
  okta: { keys: ['list:concat'], map: (v) => mapped(listsOf(v)) },
  run: (_ctx, { list1, list2, more }) => ({ list: [list1, list2, ...more].flat() }),
})
