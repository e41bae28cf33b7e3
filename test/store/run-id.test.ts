import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { newRunId } from '../../store/index.ts'

describe('run ids', () => {
  it('are UUIDs of version 7, unique, each after the one made before it', () => {
    const ids = Array.from({ length: 20_000 }, newRunId)
    assert.equal(new Set(ids).size, ids.length)
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    // many share a millisecond: the counter keeps them in order, so the indexes on them grow at their end
    assert.ok(ids.every((id, i) => i === 0 || id > ids[i - 1]!), 'ids in the order they were made')
    const ms = Number.parseInt(ids.at(-1)!.replaceAll('-', '').slice(0, 12), 16)
    assert.ok(Math.abs(ms - Date.now()) < 60_000, 'they begin with the time they were made')
  })
})
