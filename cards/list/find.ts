import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { compare, OPERATORS, type Operator } from '../lib/compare.ts'
import { readPath } from '../object/get-multiple.ts'
import { inputOf, mapped, operatorOf } from '../../importer/mapping.ts'

/** The list cards that test each item with one comparison (Find, Filter) share these inputs. */
export const ITEM_TEST = {
  list: Type.Array(Type.Unknown(), { maxItems: 100_000 }),
  operator: Type.Union(OPERATORS.map((op) => Type.Literal(op)), { description: 'comparison' }),
  path: Type.Optional(Type.String({ description: 'For a list of objects, the key (or dot path) whose value is tested; leave out to test each item itself.' })),
  comparison: Type.Optional(Type.Unknown({ description: 'The value each item is compared with.' })),
}

/** Whether one item passes: its value at `path` (or itself) `operator` the comparison value. */
export function passes(item: unknown, operator: Operator, path: string | undefined, comparison: unknown, cardId?: string): boolean {
  return compare(path ? readPath(item, path, cardId) : item, operator, comparison)
}

/** The inputs of an exported Find or Filter. */
export const itemTestOf = (v: Parameters<typeof inputOf>[0]) =>
  mapped({ list: inputOf(v, ['list'], 0), operator: operatorOf(inputOf(v, ['operator'], 1)), path: inputOf(v, ['path']) || undefined, comparison: inputOf(v, ['comparison']) })

const GROUPS = [{ id: '1', displayName: 'Everyone' }, { id: '2', displayName: 'Admins' }]

export default defineCard({
  type: 'list.find',
  title: 'List - Find',
  description:
    'The first item that passes a simple test (its value at `path`, or the item itself, `operator` `comparison`) ' +
    'and its `index` from 0. No match: `item` is null and `index` is -1. Find Custom runs a helper flow instead.',
  kind: 'function',
  inputs: Type.Object(ITEM_TEST),
  outputs: Type.Object({ item: Type.Unknown(), index: Type.Integer() }),
  examples: [
    { title: 'finds an object by a key', inputs: { list: GROUPS, operator: 'equal', path: 'displayName', comparison: 'Admins' }, outputs: { item: GROUPS[1], index: 1 } },
    { title: 'the first number over 10', inputs: { list: [2, 40, 12], operator: 'greater than', comparison: 10 }, outputs: { item: 40, index: 1 } },
    { title: 'no match', inputs: { list: ['a'], operator: 'equal', comparison: 'b' }, outputs: { item: null, index: -1 } },
  ],
  okta: { keys: ['list:findBy'], map: itemTestOf },
  run(ctx, { list, operator, path, comparison }) {
    const index = list.findIndex((item) => passes(item, operator as Operator, path, comparison, ctx.cardId))
    return { item: index >= 0 ? list[index] : null, index }
  },
})
