import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import type { Operator } from '../lib/compare.ts'
import { ITEM_TEST, itemTestOf, passes } from './find.ts'

const USERS = [{ login: 'ann', status: 'ACTIVE' }, { login: 'bob', status: 'SUSPENDED' }, { login: 'cy', status: 'ACTIVE' }]

export default defineCard({
  type: 'list.filter',
  title: 'List - Filter',
  description:
    'The items that pass a simple test (their value at `path`, or the item itself, `operator` `comparison`), in ' +
    'order. Filter Custom runs a helper flow instead.',
  kind: 'function',
  inputs: Type.Object(ITEM_TEST),
  outputs: Type.Object({ list: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'keeps objects by a key', inputs: { list: USERS, operator: 'equal', path: 'status', comparison: 'ACTIVE' }, outputs: { list: [USERS[0], USERS[2]] } },
    { title: 'keeps text containing a value', inputs: { list: ['a@x.com', 'b@y.com'], operator: 'in', comparison: 'a@x.com, c@x.com' }, outputs: { list: ['a@x.com'] } },
    { title: 'empty values', inputs: { list: ['', 'a', null], operator: 'is not empty' }, outputs: { list: ['a'] } },
  ],
  okta: { keys: ['list:filterBy'], map: itemTestOf },
  run: (ctx, { list, operator, path, comparison }) => ({ list: list.filter((item) => passes(item, operator as Operator, path, comparison, ctx.cardId)) }),
})
