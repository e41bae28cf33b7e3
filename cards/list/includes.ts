import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { looseEqual } from '../lib/compare.ts'
import { inputOf, mapped } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.includes',
  title: 'List - Includes',
  description: 'Whether the list holds the value: text, numbers, true/false as Okta\'s `equal to` compares them (1 and "1" are equal), lists and objects by value.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Union([Type.Array(Type.Unknown()), Type.Null()]), value: Type.Unknown() }),
  outputs: Type.Object({ result: Type.Boolean() }),
  examples: [
    { title: 'holds the value', inputs: { list: ['CREATED', 'ACTIVE'], value: 'CREATED' }, outputs: { result: true } },
    { title: 'does not', inputs: { list: ['ACTIVE'], value: 'active' }, outputs: { result: false } },
    { title: 'null holds nothing', inputs: { list: null, value: 1 }, outputs: { result: false } },
  ],
  okta: { keys: ['list:includes'], map: (v) => mapped({ list: inputOf(v, ['list'], 0), value: inputOf(v, ['value', 'item'], 1) ?? null }) },
  run: (_ctx, { list, value }) => ({ result: (list ?? []).some((x) => looseEqual(x, value)) }),
})
