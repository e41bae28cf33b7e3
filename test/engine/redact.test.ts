import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { encodedForms, makeRedactor, REDACTED } from '../../engine/redact.ts'
import { SEED } from '../reliability/helpers.ts'

describe('secrets in other shapes', () => {
  it('redacts a secret raw, URL-encoded, hex, and base64 or base64url wherever it sits in an encoded text', (t) => {
    let checked = 0
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 6, maxLength: 40 }), fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (secret, before, after) => {
        const redact = makeRedactor([secret])
        const shapes = [
          `${before}${secret}${after}`,
          encodeURIComponent(`${before}${secret}${after}`),
          new URLSearchParams({ v: `${before}${secret}${after}` }).toString(),
          Buffer.from(`${before}${secret}${after}`).toString('base64'),
          Buffer.from(`${before}${secret}${after}`).toString('base64url'),
          `Basic ${Buffer.from(`${before}:${secret}`).toString('base64')}`,
          Buffer.from(secret).toString('hex'),
        ]
        for (const shape of shapes) {
          const out = redact({ text: shape }) as { text: string }
          assert.ok(out.text.includes(REDACTED), `${JSON.stringify(secret)} not found in ${JSON.stringify(shape)}`)
          checked++
        }
      }),
      { numRuns: 300, seed: SEED },
    )
    t.diagnostic(`seed ${SEED}: ${checked} encoded shapes of generated secrets redacted`)
  })

  it('does not turn short or ordinary words into redactions', () => {
    assert.deepEqual(encodedForms('abc'), [])
    const redact = makeRedactor(['s3cr3t-value-9f2'])
    assert.equal(redact('nothing to hide here'), 'nothing to hide here')
  })
})

describe('one object reached by several paths', () => {
  const secret = 'xoxb-shared-secret-42'
  it('is redacted wherever it is reached, however deep it was reached first', () => {
    const shared = { a: { b: { c: { note: `sent with ${secret}`, token: 'abcdefgh' } } } }
    // first reached 62 levels down, where the walk stops before its note; then near the top
    let deep: Record<string, unknown> = { shared }
    for (let i = 0; i < 60; i++) deep = { next: deep }
    const redacted = makeRedactor([secret])({ deep, list: [shared], top: { shared } }) as {
      list: (typeof shared)[]
      top: { shared: typeof shared }
    }
    assert.deepEqual(redacted.list[0]!.a.b.c, { note: `sent with ${REDACTED}`, token: REDACTED })
    assert.deepEqual(redacted.top.shared.a.b.c, { note: `sent with ${REDACTED}`, token: REDACTED })
    assert.equal(shared.a.b.c.note, `sent with ${secret}`, 'the original is left as it was')
  })

  it('is redacted at each reference when it is a small part holding only values', () => {
    const leaf = { token: 'abcdefgh', note: `sent with ${secret}` }
    const redacted = makeRedactor([secret])({ a: leaf, b: [leaf, leaf], c: { d: leaf } }) as Record<string, unknown>
    const clean = { token: REDACTED, note: `sent with ${REDACTED}` }
    assert.deepEqual(redacted, { a: clean, b: [clean, clean], c: { d: clean } })
    assert.deepEqual(leaf, { token: 'abcdefgh', note: `sent with ${secret}` }, 'the original is left as it was')
  })

  it('is walked once however many paths lead to it, unless it is a small part holding only values', () => {
    let reads = 0
    const counted = <T extends object>(o: T): T =>
      new Proxy(o, {
        get(target, key, receiver) {
          reads++
          return Reflect.get(target, key, receiver)
        },
      })
    const big = counted(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, `value ${i}`])))
    const small = counted({ note: 'nothing secret' })
    // 16 levels, each holding both parts and the next level twice (2^16 paths to the bottom)
    let node: object = { big, small }
    for (let i = 0; i < 16; i++) node = { big, small, left: node, right: node }
    const value = { node }
    assert.equal(makeRedactor([secret])(value), value, 'nothing to redact: the same object back')
    // each value of the big part read once; the small one's once per reference (17)
    assert.ok(reads <= 100 + 17, `${reads} reads`)
  })
})

describe('secrets made of pattern characters', () => {
  it('are looked for literally', () => {
    const secret = 'a.b*c+?(x)[y]{2}|z\\^$/'
    const redact = makeRedactor([secret])
    assert.deepEqual(redact({ note: `before ${secret} after` }), { note: `before ${REDACTED} after` })
    // what the secret would match read as a pattern is left alone
    assert.deepEqual(redact({ note: 'aXbbbc(x)y' }), { note: 'aXbbbc(x)y' })
  })
})
