/**
 * Okta's XML cards speak xml2js' shapes (its Parse options are xml2js' own: attrkey `$`,
 * charkey `_`, explicitCharkey, trim, normalizeTags, normalize, explicitRoot): every child element
 * is a list, attributes sit under `$`, text beside children under `_`. fast-xml-parser reads the
 * text (its entity expansion off, DOCTYPE refused, so hostile XML cannot grow or reach files);
 * this module turns its ordered tree into those shapes, and writes them back as XML.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { CardFailedError } from '../../engine/errors.ts'

export interface ParseOptions {
  attrkey: string
  charkey: string
  explicitCharkey: boolean
  trim: boolean
  normalizeTags: boolean
  normalize: boolean
  explicitRoot: boolean
}

export const MAX_XML = 5_000_000
const MAX_DEPTH = 500

type Node = Record<string, unknown>

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  commentPropName: false,
  maxNestedTags: MAX_DEPTH,
})

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** The five predefined entities and character references; anything else stays as written. */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(#x[0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
      return code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole
    }
    return PREDEFINED[name] ?? whole
  })
}

/** An own, enumerable property even for a name like `__proto__`. */
function put(obj: Node, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true })
}

function element(children: Node[], attrs: Node | undefined, o: ParseOptions, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new RangeError('depth')
  const obj: Node = {}
  let text = ''
  let cdata = false
  if (attrs) {
    const a: Node = {}
    for (const [k, v] of Object.entries(attrs)) put(a, k, decodeEntities(String(v)))
    put(obj, o.attrkey, a)
  }
  for (const child of children) {
    if ('#text' in child) {
      text += decodeEntities(String(child['#text']))
      continue
    }
    if ('#cdata' in child) {
      cdata = true
      for (const c of child['#cdata'] as Node[]) text += String(c['#text'] ?? '')
      continue
    }
    const name = Object.keys(child).find((k) => k !== ':@')
    if (name === undefined) continue
    const key = o.normalizeTags ? name.toLowerCase() : name
    const value = element(child[name] as Node[], child[':@'] as Node | undefined, o, depth + 1)
    const list = Object.hasOwn(obj, key) && Array.isArray(obj[key]) ? (obj[key] as unknown[]) : undefined
    if (list) list.push(value)
    else put(obj, key, [value])
  }
  let out: unknown = obj
  if (/^\s*$/.test(text) && !cdata) {
    if (Object.keys(obj).length === 0) return text
  } else {
    if (o.trim) text = text.trim()
    if (o.normalize) text = text.replace(/\s{2,}/g, ' ').trim()
    put(obj, o.charkey, text)
    if (Object.keys(obj).length === 1 && !o.explicitCharkey) out = text
  }
  return out
}

export function parseXml(xml: string, o: ParseOptions, cardId: string): unknown {
  if (xml.length > MAX_XML) throw new CardFailedError(`XML text longer than ${MAX_XML} characters`, cardId)
  if (/<!DOCTYPE/i.test(xml)) throw new CardFailedError('XML with a DOCTYPE is not accepted (its entities could expand without bound)', cardId)
  try {
    const valid = XMLValidator.validate(xml)
    if (valid !== true) throw new CardFailedError(`not XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`, cardId)
    const tree = parser.parse(xml) as Node[]
    const root = tree.find((n) => !('#text' in n) && !('#cdata' in n))
    if (!root) throw new CardFailedError('not XML: no root element', cardId)
    const name = Object.keys(root).find((k) => k !== ':@')!
    const value = element(root[name] as Node[], root[':@'] as Node | undefined, o, 0)
    if (!o.explicitRoot) return value
    const wrapped: Node = {}
    put(wrapped, o.normalizeTags ? name.toLowerCase() : name, value)
    return wrapped
  } catch (err) {
    if (err instanceof CardFailedError) throw err
    if (err instanceof RangeError || /nested tags/i.test((err as Error).message)) throw new CardFailedError(`XML nested deeper than ${MAX_DEPTH} elements`, cardId)
    throw new CardFailedError(`not XML: ${(err as Error).message}`, cardId)
  }
}

// ---- writing ----

export interface BuildOptions {
  rootName?: string
  headless: boolean
  pretty: boolean
  attrkey: string
  charkey: string
}

const NAME = /^[\p{L}_][\p{L}\p{N}_.\-:]*$/u
const escText = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
const escAttr = (s: string) => escText(s).replaceAll('"', '&quot;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\t', '&#9;')
const scalar = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))

export function buildXml(value: unknown, o: BuildOptions, cardId: string): string {
  const name = (n: string) => {
    if (!NAME.test(n) || /^xml/i.test(n)) throw new CardFailedError(`"${n}" cannot be an XML element or attribute name`, cardId)
    return n
  }
  const nl = o.pretty ? '\n' : ''
  const pad = (depth: number) => (o.pretty ? '  '.repeat(depth) : '')
  const render = (tag: string, v: unknown, depth: number): string => {
    if (depth > MAX_DEPTH) throw new CardFailedError(`the object is nested deeper than ${MAX_DEPTH} levels`, cardId)
    if (Array.isArray(v)) return v.map((item) => render(tag, item, depth)).join('')
    const open = `${pad(depth)}<${name(tag)}`
    if (v === null || v === undefined || typeof v !== 'object') {
      const text = scalar(v)
      return text === '' ? `${open}/>${nl}` : `${open}>${escText(text)}</${tag}>${nl}`
    }
    let attrs = ''
    let text = ''
    let inner = ''
    for (const [k, child] of Object.entries(v as Node)) {
      if (k === o.attrkey && child && typeof child === 'object' && !Array.isArray(child)) {
        for (const [a, av] of Object.entries(child as Node)) attrs += ` ${name(a)}="${escAttr(scalar(av))}"`
      } else if (k === o.charkey) text += escText(scalar(child))
      else inner += render(k, child, depth + 1)
    }
    if (inner === '' && text === '') return `${open}${attrs}/>${nl}`
    if (inner === '') return `${open}${attrs}>${text}</${tag}>${nl}`
    return `${open}${attrs}>${text}${nl}${inner}${pad(depth)}</${tag}>${nl}`
  }
  let root = o.rootName
  let body = value
  if (!root && body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 1) {
    root = Object.keys(body)[0]!
    body = (body as Node)[root]
  }
  const xml = render(root || 'root', body, 0)
  const head = o.headless ? '' : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${nl}`
  return (head + xml).replace(/\n$/, '')
}
