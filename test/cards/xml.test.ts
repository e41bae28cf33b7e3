/** XML cards: Okta's Parse example and options, hostile documents, and Build read back by Parse. */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import build from '../../cards/xml/build.ts'
import parse from '../../cards/xml/parse.ts'
import { fakeContext, testCard } from './card-helpers.ts'
import { SEED } from '../seed.ts'

const ctx = fakeContext()
const CATALOG = `<?xml version="1.0"?>
<catalog>
    <release id="JNR165.8">
        <artist>Surfer Blood    </artist>
        <title>1000 Palms</title>
        <empty/>
    </release>
    <release id="2"><artist>B</artist></release>
</catalog>`

describe('XML - Parse', () => {
  it('reads Okta’s example in xml2js’ shapes', async () => {
    assert.deepEqual(await testCard(parse, { xml: CATALOG }, ctx), {
      output: { release: [{ $: { id: 'JNR165.8' }, artist: ['Surfer Blood    '], title: ['1000 Palms'], empty: [''] }, { $: { id: '2' }, artist: ['B'] }] },
    })
  })
  it('applies each of Okta’s options', async () => {
    const run = (options: Record<string, unknown>) => testCard(parse, { xml: '<R><A k="v">  x   y  </A></R>', ...options }, ctx)
    assert.deepEqual((await run({})).output, { A: [{ $: { k: 'v' }, _: '  x   y  ' }] })
    assert.deepEqual((await run({ trim: true })).output, { A: [{ $: { k: 'v' }, _: 'x   y' }] })
    assert.deepEqual((await run({ normalize: true })).output, { A: [{ $: { k: 'v' }, _: 'x y' }] })
    assert.deepEqual((await run({ normalizeTags: true, explicitRoot: true })).output, { r: { a: [{ $: { k: 'v' }, _: '  x   y  ' }] } })
    assert.deepEqual((await run({ attrkey: '@', charkey: '#' })).output, { A: [{ '@': { k: 'v' }, '#': '  x   y  ' }] })
    assert.deepEqual((await testCard(parse, { xml: '<r><a>t</a></r>', explicitCharkey: true }, ctx)).output, { a: [{ _: 't' }] })
  })
  it('decodes the XML entities and character references, and keeps CDATA as written', async () => {
    const { output } = await testCard(parse, { xml: '<r a="&lt;&#65;&#x42;&quot;"><t>&amp;amp; &eacute;</t><c><![CDATA[&lt;b&gt;]]></c></r>' }, ctx)
    assert.deepEqual(output, { $: { a: '<AB"' }, t: ['&amp; &eacute;'], c: ['&lt;b&gt;'] })
  })
  it('refuses entity bombs and external entities: any DOCTYPE', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`
    await assert.rejects(testCard(parse, { xml: bomb }, ctx), /DOCTYPE is not accepted/)
    await assert.rejects(testCard(parse, { xml: '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>' }, ctx), /DOCTYPE is not accepted/)
  })
  it('fails cleanly on deep nesting, broken XML and empty text', async () => {
    const deep = `${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}`
    await assert.rejects(testCard(parse, { xml: deep }, ctx), /nested deeper than 500/)
    await assert.rejects(testCard(parse, { xml: '<a><b></a>' }, ctx), /not XML: .*line 1/)
    await assert.rejects(testCard(parse, { xml: '' }, ctx), /not XML/)
  })
  it('refuses "__proto__" element names with a clear error instead of touching prototypes', async () => {
    await assert.rejects(testCard(parse, { xml: '<r><__proto__>x</__proto__></r>' }, ctx), /not XML: .*__proto__/)
    assert.equal(({} as Record<string, unknown>)['x'], undefined)
  })
})

describe('XML - Build', () => {
  it('writes what Parse reads back (property)', async () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/).filter((n) => !n.startsWith('xml'))
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => /\S/.test(s) && s.trim() === s && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(s) && !/\s{2,}/.test(s))
    const leaf = fc.array(text, { minLength: 1, maxLength: 3 })
    const element = fc.dictionary(name, leaf, { minKeys: 1, maxKeys: 4 })
    const tree = fc.dictionary(name, fc.array(element, { minLength: 1, maxLength: 2 }), { minKeys: 1, maxKeys: 3 })
    await fc.assert(
      fc.asyncProperty(tree, fc.boolean(), async (obj, pretty) => {
        const xml = (await build.run(ctx, { object: obj, rootName: 'root', pretty })).output
        // fast-check builds null-prototype objects; compare plain ones
        assert.deepEqual((await parse.run(ctx, { xml })).output, JSON.parse(JSON.stringify(obj)), xml)
      }),
      { seed: SEED },
    )
  })
  it('takes a single key as the root unless rootName is given', async () => {
    assert.deepEqual(await testCard(build, { object: { a: { b: 1 } }, headless: true, pretty: false }, ctx), { output: '<a><b>1</b></a>' })
    assert.deepEqual(await testCard(build, { object: { a: 1, b: 2 }, headless: true, pretty: false }, ctx), { output: '<root><a>1</a><b>2</b></root>' })
  })
  it('refuses names that are not XML names, so data cannot inject markup', async () => {
    await assert.rejects(testCard(build, { object: { 'a><script': 1 }, rootName: 'r' }, ctx), /cannot be an XML element/)
    await assert.rejects(testCard(build, { object: { a: { $: { 'x="1" y': 1 } } } }, ctx), /cannot be an XML element or attribute name/)
  })
})
