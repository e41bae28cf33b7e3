import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { defined } from '../../importer/mapping.ts'
import { objectOf } from '../lib/okta-call.ts'
import { exportedOperation, exportedSourceId, Operation } from '../lib/okta-import.ts'

export default defineCard({
  type: 'okta.mapProfileSourceAttributes',
  title: 'Okta - Map Profile Source Attributes',
  description:
    'Turns source records into the users Bulk User Import takes: each record\'s `External ID Key` field becomes its ' +
    '`externalId`, the other fields its `profile` (Create & Update), or only the external id (Deactivate & Delete). ' +
    'Sends nothing; a record without the key fails the card, naming it.',
  kind: 'function',
  inputs: Type.Object({
    'Import Operation': Operation,
    ID: Type.Optional(Type.String({ description: 'The identity source id (kept for the exported card; not needed here).' })),
    'External ID Key': Type.String({ minLength: 1, default: 'id' }),
    Users: Type.Array(Type.Unknown(), { maxItems: 10_000 }),
  }),
  outputs: Type.Object({ Users: Type.Array(Type.Unknown()) }),
  examples: [
    {
      title: 'maps records for Create & Update',
      inputs: { 'External ID Key': 'empId', Users: [{ empId: 17, userName: 'ann@example.com', firstName: 'Ann' }] },
      outputs: { Users: [{ externalId: '17', profile: { userName: 'ann@example.com', firstName: 'Ann' } }] },
    },
  ],
  okta: {
    keys: ['okta:mapProfileSourceAttributes'],
    map: (v) => ({ inputs: defined({ 'Import Operation': exportedOperation(v), ID: exportedSourceId(v), 'External ID Key': v.input('externalIdKey'), Users: v.input('users') }) }),
  },
  run(ctx, i) {
    const key = i['External ID Key']
    const upsert = i['Import Operation'] === 'Create & Update'
    const users = i.Users.map((u, n) => {
      const { [key]: id, ...profile } = objectOf(u)
      if (id === undefined || id === null || id === '') throw new CardFailedError(`Users[${n}] has no "${key}"`, ctx.cardId)
      const externalId = typeof id === 'object' ? JSON.stringify(id) : String(id)
      return upsert ? { externalId, profile } : { externalId }
    })
    return { Users: users }
  },
})
