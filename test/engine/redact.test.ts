import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { RunRecord } from '../../engine/history.ts'
import { CARD_FIELDS, dataFields, encodedForms, makeRedactor, PLAIN_WALK_BUDGET, REDACTED, RUN_FIELDS, redactRun } from '../../engine/redact.ts'
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

  it('is walked a bounded number of times however many paths lead to it, once after the plain walk gives up', () => {
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
    // the walk that remembers nothing stops within its budget; then each value of the big part
    // is read once, and the small one's once per reference (17)
    assert.ok(reads <= PLAIN_WALK_BUDGET + 100 + 17, `${reads} reads`)
  })

  it('is redacted at every path when the walk had to start again remembering', () => {
    const shared = { note: `sent with ${secret}`, password: 'hunter22', more: Array.from({ length: 20 }, (_, i) => `item ${i}`) }
    let node: Record<string, unknown> = { shared }
    for (let i = 0; i < 20; i++) node = { shared, left: node, right: node }
    const redacted = makeRedactor([secret])({ node }) as { node: Record<string, unknown> }
    const clean = { note: `sent with ${REDACTED}`, password: REDACTED, more: shared.more }
    let at = redacted.node
    for (let i = 0; i < 20; i++) {
      assert.deepEqual(at.shared, clean, `level ${i}`)
      at = (i % 2 === 0 ? at.left : at.right) as Record<string, unknown>
    }
    assert.deepEqual(at.shared, clean, 'the bottom')
    assert.equal(shared.password, 'hunter22', 'the original is left as it was')
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

describe("a run's record", () => {
  const secret = 'xoxb-record-secret-77'
  // `named`: the name of the fields that hold a secret by name
  const record = (leak = `has ${secret}`, named = 'token'): RunRecord => ({
    runId: 'r1',
    flow: 'Flow',
    flowFile: 'flows/flow.yaml',
    status: 'failed',
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    dryRun: true,
    trigger: { id: 'event', card: 'okta.userCreated', outputs: { user: { note: leak, [named]: 'abcdefgh' } } },
    cards: [
      { id: 'a', card: 'text.compose', status: 'succeeded', inputs: { text: leak, [named]: 'abcdefgh' }, outputs: { output: leak }, durationMs: 0 },
      { id: 'b', card: 'control.continueIf', status: 'stopped', inputs: {}, outputs: {}, durationMs: 0, message: leak, parent: { id: 'x', branch: 'then' } },
      { id: 'c', card: 'http.raw', status: 'failed', inputs: {}, outputs: {}, durationMs: 0, error: { code: 'CARD_FAILED', message: leak } },
    ],
    outbound: [{ cardId: 'a', connector: 'slack', operation: 'chat.postMessage', request: { text: leak }, result: 'recorded', attempts: 0 }],
    message: leak,
    error: { code: 'CARD_FAILED', message: leak, cardId: 'c' },
    result: { kind: 'values', values: { out: leak, [named]: 'abcdefgh' } },
  })

  it('has every field that holds data redacted, by value and by name, and the rest kept', () => {
    const original = record()
    const redacted = redactRun(original, [secret])
    const text = JSON.stringify(redacted)
    assert.ok(!text.includes(secret), text)
    assert.ok(!text.includes('abcdefgh'), text)
    assert.equal(text.split(REDACTED).length - 1, 12, text)
    assert.deepEqual({ ...redacted, trigger: undefined, cards: undefined, outbound: undefined, message: undefined, error: undefined, result: undefined }, {
      ...original,
      trigger: undefined,
      cards: undefined,
      outbound: undefined,
      message: undefined,
      error: undefined,
      result: undefined,
    })
    assert.deepEqual(
      redacted.cards.map((c) => [c.id, c.card, c.status, c.parent]),
      original.cards.map((c) => [c.id, c.card, c.status, c.parent]),
    )
    assert.deepEqual(original, record(), 'the original is left as it was')
  })

  it('has a secret redacted in each field that its table says holds data', () => {
    const fields = [...dataFields(RUN_FIELDS).map((f) => ['run', f]), ...dataFields(CARD_FIELDS).map((f) => ['card', f])]
    assert.ok(fields.length >= 10, `${fields.length} fields`)
    for (const [of, field] of fields) {
      const run = record('nothing to hide', 'note') as unknown as Record<string, unknown> & { cards: Record<string, unknown>[] }
      ;(of === 'run' ? run : run.cards[0]!)[field!] = { deep: [{ note: `has ${secret}`, password: 'pass-word-9' }] }
      const text = JSON.stringify(redactRun(run as unknown as RunRecord, [secret]))
      assert.ok(!text.includes(secret) && !text.includes('pass-word-9'), `${of} ${field}: ${text}`)
    }
  })

  it('is given back as it is when it holds no secret', () => {
    const clean = record('nothing to hide', 'note')
    const redacted = redactRun(clean, [secret])
    assert.equal(redacted, clean)
  })
})
