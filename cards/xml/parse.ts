import { Type } from '@sinclair/typebox'
import { defineCard } from '../../engine/card.ts'
import { textOf } from '../../engine/template.ts'
import { sameKeys } from '../../importer/mapping.ts'
import { MAX_XML, parseXml } from '../lib/xml-tree.ts'

const flag = (description: string) => Type.Optional(Type.Boolean({ default: false, description }))

const CATALOG = `<?xml version="1.0"?>
<catalog>
  <release id="JNR165.8">
    <artist>Surfer Blood</artist>
    <title>1000 Palms</title>
  </release>
</catalog>`

export default defineCard({
  type: 'xml.parse',
  title: 'XML - Parse',
  description:
    'Turns XML text into an object: each child element is a list of its occurrences, attributes sit under `attrkey` ' +
    '(`$`), text beside child elements or attributes under `charkey` (`_`); an element with only text is that text, ' +
    'an empty one empty text. The five XML entities and character references are decoded; a DOCTYPE is refused, so ' +
    `entities cannot expand. Text that is not XML, or longer than ${MAX_XML} characters, fails the card.`,
  kind: 'function',
  inputs: Type.Object({
    xml: Type.Unknown({ description: 'The XML text.' }),
    attrkey: Type.Optional(Type.String({ default: '$', minLength: 1, description: 'The key of each element’s attributes.' })),
    charkey: Type.Optional(Type.String({ default: '_', minLength: 1, description: 'The key of an element’s text.' })),
    explicitCharkey: flag('Put text under `charkey` even when the element has nothing else.'),
    trim: flag('Trim white space at the start and end of text.'),
    normalizeTags: flag('Lower-case element names.'),
    normalize: flag('Collapse runs of white space inside text.'),
    explicitRoot: flag('Keep the root element as the one key of the output.'),
  }),
  outputs: Type.Object({ output: Type.Unknown({ description: 'The object (text for a root with only text).' }) }),
  examples: [
    {
      title: 'reads Okta’s catalog example',
      inputs: { xml: CATALOG },
      outputs: { output: { release: [{ $: { id: 'JNR165.8' }, artist: ['Surfer Blood'], title: ['1000 Palms'] }] } },
    },
    {
      title: 'keeps the root, lower-cases tags and puts text under the charkey when asked',
      inputs: { xml: '<A><B x="1">  hi  &amp; bye </B></A>', explicitRoot: true, normalizeTags: true, explicitCharkey: true, trim: true },
      outputs: { output: { a: { b: [{ $: { x: '1' }, _: 'hi  & bye' }] } } },
    },
    { title: 'refuses a DOCTYPE, so entities cannot expand', inputs: { xml: '<!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>' }, error: 'DOCTYPE is not accepted' },
    { title: 'fails on text that is not XML', inputs: { xml: '<a><b></a>' }, error: 'not XML' },
  ],
  okta: { keys: ['xml:parse'], map: sameKeys(['xml', 'attrkey', 'charkey', 'explicitCharkey', 'trim', 'normalizeTags', 'normalize', 'explicitRoot']) },
  run(ctx, i) {
    const options = {
      attrkey: i.attrkey || '$',
      charkey: i.charkey || '_',
      explicitCharkey: i.explicitCharkey ?? false,
      trim: i.trim ?? false,
      normalizeTags: i.normalizeTags ?? false,
      normalize: i.normalize ?? false,
      explicitRoot: i.explicitRoot ?? false,
    }
    return { output: parseXml(textOf(i.xml), options, ctx.cardId) }
  },
})
