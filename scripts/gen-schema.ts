// Writes schemas/flow.schema.json and the README card reference from the card registry.
// `npm run schema` after adding or changing a card; a test fails when either is stale.
import { readFileSync, writeFileSync } from 'node:fs'
import { cardReference, replaceSection } from '../engine/card-docs.ts'
import { flowSchema } from '../engine/flow-schema.ts'

writeFileSync('schemas/flow.schema.json', `${JSON.stringify(flowSchema(), null, 2)}\n`)
const readme = readFileSync('README.md', 'utf8')
writeFileSync('README.md', replaceSection(readme, cardReference()))
console.log('wrote schemas/flow.schema.json and the card reference in README.md')
