import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { LIMITS, parseYaml } from '../../engine/parse.ts'

describe('parseYaml', () => {
  it('locates a YAML syntax error at its line and column', () => {
    const { errors } = parseYaml('name: x\ncards:\n  - id: a\n   card: b\n', 'f.yaml')
    assert.equal(errors.length, 1)
    assert.match(errors[0]!.describe(), /^f\.yaml:4:\d+: /)
  })

  it('refuses duplicate keys', () => {
    const { errors } = parseYaml('name: a\nname: b\n', 'f.yaml')
    assert.match(errors[0]!.describe(), /^f\.yaml:2:1: the key "name" is given twice in the same map/)
  })

  it('stops an alias bomb at its node limit, before expanding it, with a clear error', () => {
    // 10^12 nodes once expanded: refusing it at all proves it was not expanded (tests assert no time)
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`)
    const { errors, root } = parseYaml(lines.join('\n'), 'bomb.yaml')
    assert.equal(root, undefined)
    assert.equal(errors.length, 1)
    assert.match(errors[0]!.message, /more than \d+ nodes \(alias bomb\?\)/)
  })

  it('refuses a file over the size limit without parsing it', () => {
    const { errors } = parseYaml(`name: "${'x'.repeat(LIMITS.maxBytes)}"`, 'big.yaml')
    assert.match(errors[0]!.describe(), /^big\.yaml:1:1: file is larger than/)
  })

  it('refuses nesting deeper than the limit', () => {
    const deep = `${'['.repeat(LIMITS.maxDepth + 5)}${']'.repeat(LIMITS.maxDepth + 5)}`
    const { errors } = parseYaml(`x: ${deep}`, 'deep.yaml')
    assert.match(errors[0]!.message, /nesting deeper than/)
  })

  it('keeps the line and column of every node', () => {
    const { root } = parseYaml('name: x\ncards:\n  - id: a\n', 'f.yaml')
    assert.equal(root?.kind, 'map')
    const cards = root?.kind === 'map' ? root.entries[1]! : undefined
    assert.deepEqual([cards?.keyLoc.line, cards?.keyLoc.col], [2, 1])
    assert.equal(cards?.value.kind === 'seq' && cards.value.items[0]!.loc.line, 3)
  })
})
