import { randomInt } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { sameKeys } from '../../importer/mapping.ts'

export default defineCard({
  type: 'list.sample',
  title: 'List - Sample',
  description: '`amount` items picked at random (each at most once), or the whole list in random order when shorter.',
  kind: 'function',
  inputs: Type.Object({ list: Type.Array(Type.Unknown()), amount: Type.Integer({ minimum: 0 }) }),
  outputs: Type.Object({ samples: Type.Array(Type.Unknown()) }),
  examples: [
    { title: 'takes all items when asked for more than the list holds', inputs: { list: ['only'], amount: 3 }, outputs: { samples: ['only'] } },
  ],
  okta: { keys: ['list:sample'], map: sameKeys(['list', 'amount']) },
  run(_ctx, { list, amount }) {
    const pool = [...list]
    const samples: unknown[] = []
    while (samples.length < amount && pool.length > 0) samples.push(pool.splice(randomInt(pool.length), 1)[0])
    return { samples }
  },
})
