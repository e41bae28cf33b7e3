import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import compose from '../../cards/text/compose.ts'
import split from '../../cards/text/split.ts'
import { registry } from '../../cards/index.ts'
import { createRegistry, RegistryError } from '../../engine/registry.ts'

describe('the card registry', () => {
  it('refuses two cards with one id at start, naming both files', () => {
    const copy = { ...split, type: 'text.compose' }
    assert.throws(
      () => createRegistry([{ cards: [compose] }, { cards: [copy] }]),
      (err: unknown) => err instanceof RegistryError && err.code === 'REGISTRY' && /text\.compose/.test(err.message) && err.message.includes('cards/text/compose.ts') && err.message.includes('cards/text/split.ts'),
    )
  })

  it('refuses an id that is not family.operation, naming its file', () => {
    assert.throws(() => createRegistry([{ cards: [{ ...split, type: 'Text Split' }] }]), (err: unknown) => err instanceof RegistryError && err.message.includes('cards/text/split.ts') && err.message.includes('"Text Split"'))
  })

  it('finds the cards that answer to an Okta export key', () => {
    assert.deepEqual(registry.cardsForExportKey('string:compose').map((c) => c.type), ['text.compose'])
    assert.deepEqual(registry.triggersForExportKey('control:callable').map((t) => t.type).sort(), ['control.helperFlow', 'control.scheduledFlow'])
    assert.deepEqual(registry.cardsForExportKey('string:nope'), [])
  })
})
