// Writes schemas/flow.schema.json and docs/cards.md from the card registry.
// `npm run schema` after adding or changing a card; a test fails when either is stale.
import { writeFileSync } from 'node:fs'
import { registry } from '../cards/index.ts'
import { cardReference } from '../engine/card-docs.ts'
import { flowSchema } from '../engine/flow-schema.ts'
import { tableSchema } from '../engine/table-file.ts'

writeFileSync('schemas/flow.schema.json', `${JSON.stringify(flowSchema(registry), null, 2)}\n`)
writeFileSync('schemas/table.schema.json', `${JSON.stringify(tableSchema(), null, 2)}\n`)
writeFileSync('docs/cards.md', cardReference(registry))
console.log('wrote schemas/flow.schema.json, schemas/table.schema.json and docs/cards.md')
