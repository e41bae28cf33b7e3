/** URL cards: Okta's documented examples, hostile query strings, and encode/decode round trips. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import decodeComponent from '../../cards/url/decode-component.ts'
import decodeQuery from '../../cards/url/decode-query.ts'
import encodeComponent from '../../cards/url/encode-component.ts'
import encodeQuery from '../../cards/url/encode-query.ts'
import format from '../../cards/url/format.ts'
import parse from '../../cards/url/parse.ts'
import { fakeContext, testCard } from './card-helpers.ts'
import { SEED } from '../seed.ts'

const ctx = fakeContext()

describe('URL - Encode Component and Decode Component', () => {
  it('round-trips any text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme' }), async (text) => {
        const { output } = await encodeComponent.run(ctx, { text })
        assert.match(output, /^[A-Za-z0-9\-_.!~*'()%]*$/)
        assert.equal((await decodeComponent.run(ctx, { text: output })).output, text)
      }),
      { seed: SEED },
    )
  })
  it('encodes numbers as their text and a lone surrogate as U+FFFD instead of failing', async () => {
    assert.deepEqual(await testCard(encodeComponent, { text: 42 }, ctx), { output: '42' })
    assert.deepEqual(await testCard(encodeComponent, { text: 'a\uD800b' }, ctx), { output: 'a%EF%BF%BDb' })
  })
})

describe('URL - Encode Query and Decode Query', () => {
  it('round-trips objects of text and lists of text (property)', async () => {
    const key = fc.string({ minLength: 1, unit: 'grapheme' })
    const value = fc.oneof(fc.string({ unit: 'grapheme' }), fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 4 }))
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, value, { maxKeys: 6 }), async (data) => {
        const { output } = await encodeQuery.run(ctx, { data })
        assert.deepEqual((await decodeQuery.run(ctx, { query: output })).output, { ...data })
      }),
      { seed: SEED },
    )
  })
  it('keeps "__proto__" and "constructor" as plain keys', async () => {
    const { output } = await testCard(decodeQuery, { query: '__proto__=1&constructor=2&__proto__=3' }, ctx)
    assert.equal(Object.getPrototypeOf(output), Object.prototype)
    assert.deepEqual(Object.entries(output as object), [['__proto__', ['1', '3']], ['constructor', '2']])
  })
  it('reads at most 1000 parameters of a hostile query', async () => {
    const query = Array.from({ length: 5000 }, (_, i) => `k${i}=v`).join('&')
    const { output } = await testCard(decodeQuery, { query }, ctx)
    assert.equal(Object.keys(output as object).length, 1000)
  })
  it('writes null as an empty value and reads a bare key as one', async () => {
    assert.deepEqual(await testCard(encodeQuery, { data: { a: null, b: '' } }, ctx), { output: 'a=&b=' })
    assert.deepEqual(await testCard(decodeQuery, { query: 'a&b=' }, ctx), { output: { a: '', b: '' } })
  })
})

describe('URL - Parse', () => {
  const table: [string, Record<string, unknown>][] = [
    ['http://www.test.com:8080/test url?value=example&value2=URL', { protocol: 'http:', host: 'www.test.com', port: 8080, path: '/test url', query: 'value=example&value2=URL' }],
    ['https://user:pw@Login.Example.com/a/b/', { protocol: 'https:', host: 'login.example.com', port: null, path: '/a/b/', query: '' }],
    ['https://example.com', { protocol: 'https:', host: 'example.com', port: null, path: '/', query: '' }],
    ['https://example.com/caf%C3%A9?q=%20', { protocol: 'https:', host: 'example.com', port: null, path: '/café', query: 'q=%20' }],
    ['mailto:ann@example.com', { protocol: 'mailto:', host: '', port: null, path: 'ann@example.com', query: '' }],
  ]
  for (const [url, parts] of table) {
    it(`splits ${url}`, async () => {
      assert.deepEqual(await testCard(parse, { url }, ctx), parts)
    })
  }
  it('fails on empty text, naming it', async () => {
    await assert.rejects(testCard(parse, { url: '' }, ctx), /"" is not an absolute URL/)
  })
})

describe('URL - Format', () => {
  it('builds what Parse splits back into the same parts (property)', async () => {
    // names, not numbers: WHATWG reads "0" or "1.2" as an IPv4 address
    const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/)
    const host = fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.'))
    const segment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/).filter((s) => s !== '.' && s !== '..') // URLs resolve dot segments
    const path = fc.array(segment, { maxLength: 3 }).map((s) => `/${s.join('/')}`)
    const query = fc.stringMatching(/^([a-z]{1,5}=[A-Za-z0-9]{0,5}(&[a-z]{1,5}=[A-Za-z0-9]{0,5}){0,2})?$/)
    const port = fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('http', 'https', 'ftp'), host, port, path, query, async (protocol, h, p, pathname, q) => {
        const { url } = await format.run(ctx, { protocol, host: h, port: p, path: pathname, query: q })
        const parts = await parse.run(ctx, { url })
        const defaultPort = (protocol === 'http' && p === 80) || (protocol === 'https' && p === 443) || (protocol === 'ftp' && p === 21)
        assert.deepEqual(parts, { protocol: `${protocol}:`, host: h, port: p === undefined || defaultPort ? null : p, path: pathname, query: q })
      }),
      { seed: SEED },
    )
  })
  it('keeps existing escapes, encodes what a URL cannot hold, and reads a port written as text', async () => {
    assert.deepEqual(await testCard(format, { protocol: 'HTTPS://', host: 'example.com', port: '8443', path: 'caf\u00e9 100%/x%20y' }, ctx), { url: 'https://example.com:8443/caf%C3%A9%20100%25/x%20y' })
  })
  it('refuses a host that would smuggle another one, and a protocol that is not one', async () => {
    for (const host of ['a.com@b.com', 'a.com:80', 'a.com#', 'a b', '']) await assert.rejects(testCard(format, { host }, ctx), /is not a host name/, host)
    await assert.rejects(testCard(format, { protocol: 'java script', host: 'a.com' }, ctx), /is not a URL protocol/)
  })
})
