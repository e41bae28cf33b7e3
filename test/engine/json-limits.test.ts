import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nestsDeeperThan } from '../../engine/json-limits.ts'

/** JSON text nesting objects, arrays or both to exactly `depth` levels below the top. */
function nested(depth: number, kind: 'object' | 'array' | 'mixed'): unknown {
  let v: unknown = 'leaf'
  for (let i = 0; i < depth; i++) v = kind === 'array' || (kind === 'mixed' && i % 2) ? [1, v] : { a: 1, b: v }
  return JSON.parse(JSON.stringify(v))
}

describe('nestsDeeperThan', () => {
  it('counts the levels of objects and arrays alike, up to the bound and not one more', () => {
    for (const kind of ['object', 'array', 'mixed'] as const) {
      // the top value is level 0: depth levels of containers reach a container at depth - 1
      assert.equal(nestsDeeperThan(nested(8, kind), 8), false, `${kind}: 8 levels within a bound of 8`)
      assert.equal(nestsDeeperThan(nested(9, kind), 8), true, `${kind}: 9 levels over a bound of 8`)
    }
  })

  it('finds the deep branch among wide shallow ones, and takes plain values as they are', () => {
    const wide = { items: Array.from({ length: 1000 }, (_, i) => ({ i, tags: ['a', 'b'] })), deep: nested(70, 'mixed') }
    assert.equal(nestsDeeperThan(wide, 64), true)
    assert.equal(nestsDeeperThan({ ...wide, deep: null }, 64), false)
    for (const plain of [null, 1, 'text', true, undefined]) assert.equal(nestsDeeperThan(plain, 0), false)
    assert.equal(nestsDeeperThan({}, 0), true, 'an object is at level 0')
  })

  it('walks keys named __proto__ as data', () => {
    const body = JSON.parse(`{"__proto__":${JSON.stringify(nested(10, 'object'))}}`)
    assert.equal(nestsDeeperThan(body, 10), true)
    assert.equal(nestsDeeperThan(body, 11), false)
  })
})
