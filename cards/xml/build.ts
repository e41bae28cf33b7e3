import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { sameKeys } from '../../importer/mapping.ts'
import { buildXml } from '../lib/xml-tree.ts'

export default defineCard({
  type: 'xml.build',
  title: 'XML - Build',
  description:
    'Writes an object as XML text, in the shapes XML - Parse reads: a list repeats its element, `$` holds attributes ' +
    'and `_` text. An object with a single key is the root element unless `rootName` is given (else the root is ' +
    '`root`). Text is escaped; a key that is not an XML name fails the card. With the XML declaration unless ' +
    '`headless`, indented unless `pretty` is false.',
  kind: 'function',
  inputs: Type.Object({
    object: Type.Unknown({ description: 'The object to write.' }),
    rootName: Type.Optional(Type.String({ description: 'The root element’s name.' })),
    headless: Type.Optional(Type.Boolean({ default: false, description: 'Leave out the XML declaration.' })),
    pretty: Type.Optional(Type.Boolean({ default: true, description: 'Indent the elements, one per line.' })),
  }),
  outputs: Type.Object({ output: Type.String() }),
  examples: [
    {
      title: 'writes what XML - Parse reads back',
      inputs: { object: { catalog: { release: [{ $: { id: 'JNR165.8' }, artist: ['Surfer Blood'], title: ['1000 Palms'] }] } } },
      outputs: {
        output:
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<catalog>\n  <release id="JNR165.8">\n    <artist>Surfer Blood</artist>\n    <title>1000 Palms</title>\n  </release>\n</catalog>',
      },
    },
    { title: 'escapes text and attributes', inputs: { object: { a: { $: { q: '"<&>"' }, _: '1 < 2 & 3' } }, headless: true }, outputs: { output: '<a q="&quot;&lt;&amp;&gt;&quot;">1 &lt; 2 &amp; 3</a>' } },
    { title: 'names the root and writes on one line', inputs: { object: { id: 7, tags: ['x', 'y'], none: null }, rootName: 'user', headless: true, pretty: false }, outputs: { output: '<user><id>7</id><tags>x</tags><tags>y</tags><none/></user>' } },
    { title: 'fails on a key that is not an XML name', inputs: { object: { 'a b': 1 }, rootName: 'r' }, error: 'cannot be an XML element' },
  ],
  okta: { keys: ['xml:build'], map: sameKeys(['object', 'rootName', 'headless', 'pretty']) },
  run: (ctx, { object, rootName, headless, pretty }) => ({
    output: buildXml(object, { rootName: rootName || undefined, headless: headless ?? false, pretty: pretty ?? true, attrkey: '$', charkey: '_' }, ctx.cardId),
  }),
})
