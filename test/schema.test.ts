import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { Ajv } from 'ajv'
import { parse } from 'yaml'
import { registry } from '../cards/index.ts'
import { cardReference } from '../engine/card-docs.ts'
import { flowSchema } from '../engine/flow-schema.ts'
import { flowFilesIn } from '../engine/load.ts'
import { ROOT } from './helpers.ts'

describe('generated schema and docs', () => {
  it('schemas/flow.schema.json matches the card registry (run `npm run schema`)', () => {
    const onDisk = JSON.parse(readFileSync(join(ROOT, 'schemas/flow.schema.json'), 'utf8'))
    assert.deepEqual(onDisk, flowSchema(registry))
  })

  it('docs/cards.md matches the card registry (run `npm run schema`)', () => {
    const doc = readFileSync(join(ROOT, 'docs/cards.md'), 'utf8')
    assert.equal(doc, cardReference(registry))
    for (const type of [...registry.cards.keys(), ...registry.triggers.keys()]) assert.ok(doc.includes(`### \`${type}\``), `${type} missing from docs/cards.md`)
  })

  it('accepts every seed flow and rejects an unknown card type or input', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(flowSchema(registry))
    for (const file of flowFilesIn(join(ROOT, 'flows'))) {
      assert.ok(validate(parse(readFileSync(file, 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`)
    }
    const base = { name: 'x', trigger: { id: 'e', card: 'okta.userProfileUpdated' } }
    assert.equal(validate({ ...base, cards: [{ id: 'a', card: 'text.nope' }] }), false)
    assert.equal(validate({ ...base, cards: [{ id: 'a', card: 'text.compose', inputs: { txt: 'x' } }] }), false)
    assert.equal(validate({ ...base, cards: [{ id: 'a', card: 'list.join', inputs: { list: '{{e.x}}', separator: 3 } }] }), false)
  })
})
