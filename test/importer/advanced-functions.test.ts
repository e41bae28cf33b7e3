/**
 * The Date & Time, URL, Encryption, JWT and XML function cards import from their kernel
 * addresses, with fields keyed as Okta's card pages (and, for Subtract, a public export) name them.
 * The export is built here, one card per address, so the test runs without the shared templates.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { registry } from '../../cards/index.ts'
import { loadFlowSource } from '../../engine/load.ts'
import { importFlopack } from '../../importer/index.ts'

type Field = [key: string, group: string | null, data: unknown, type?: string, custom?: boolean]

const CARDS: [address: string, type: string, fields: Field[], outputs?: Field[]][] = [
  ['date:add', 'date.add', [['start', null, '2026-01-31T00:00:00Z', 'Date'], ['scale', null, 1, 'number'], ['unit', null, 'months']]],
  ['date:subtract', 'date.subtract', [['start', null, '2026-01-31T00:00:00Z', 'Date'], ['scale', null, 2, 'number'], ['unit', null, 'days']]],
  ['date:diff', 'date.difference', [['end', null, '2026-01-02T00:00:00Z', 'Date'], ['start', null, '2026-01-01T00:00:00Z', 'Date']]],
  ['url:encodeComponent', 'url.encodeComponent', [['text', null, 'a b']]],
  ['url:decodeComponent', 'url.decodeComponent', [['text', null, 'a%20b']]],
  ['url:encode', 'url.encodeQuery', [['data', null, { a: 'b c' }, 'object']]],
  ['url:decode', 'url.decodeQuery', [['query', null, 'a=b%20c']]],
  ['url:parse', 'url.parse', [['url', null, 'https://example.com/x?y=1']]],
  ['url:format', 'url.format', [['protocol', null, 'https'], ['host', null, 'example.com'], ['port', null, 8443, 'number'], ['path', null, '/x'], ['query', null, 'y=1']]],
  ['crypto:hmac', 'encryption.hmac', [['algorithm', null, 'sha256'], ['key', null, 'my secret key'], ['data', null, 'My secret message!'], ['digest', null, 'base64']]],
  ['crypto:sign', 'encryption.sign', [['algorithm', null, 'sha256'], ['data', null, 'hi'], ['digest', null, 'hex'], ['key', 'privateKey', '-----BEGIN PRIVATE KEY-----'], ['passphrase', 'privateKey', 'pw']]],
  [
    'jwt:sign',
    'jwt.sign',
    [['key', null, 'a-shared-secret-of-32-characters!'], ['audience', 'options', 'app'], ['expiresIn', 'options', 60, 'number'], ['algorithm', 'options', 'PS265'], ['userId', null, 'u1', 'string', true], ['role', null, 'admin', 'string', true]],
  ],
  ['jwt:verify', 'jwt.verify', [['token', null, 'a.b.c'], ['key', null, 'k'], ['ignoreExpiration', 'options', true, 'boolean'], ['algorithm', 'options', 'HS512']], [['decoded', null, {}, 'object'], ['email', null, '', 'string', true]]],
  ['xml:parse', 'xml.parse', [['xml', null, '<a>1</a>'], ['explicitRoot', 'options', true, 'boolean'], ['attrkey', 'options', '@']]],
  ['xml:build', 'xml.build', [['object', null, { a: 1 }, 'object']]],
  ['json:stringify', 'json.stringify', [['object', null, null, 'object']]],
]

let n = 0
function method(address: string, fields: Field[], outputs: Field[] = []) {
  const data = (list: Field[]) =>
    Object.fromEntries(list.map(([key, group, value, type, custom]) => [`f${++n}`, { id: `f${n}`, key, group, value: { type: type ?? 'string', collection: false, data: value }, ...(custom && { metadata: { custom: true } }) }]))
  return { uuid: `m${++n}`, address, branches: {}, joins: {}, pins: {}, node: { data: { name: address }, model: { config: null, inputs: { data: data(fields) }, outputs: { data: data(outputs) } } } }
}

describe('advanced function cards in exports', () => {
  const methods = [method('root:kernel:control:0.0.1:callable', []), ...CARDS.map(([key, , fields, outputs]) => method(`root:kernel:${key.split(':')[0]}:0.0.1:${key.split(':')[1]}`, fields, outputs))]
  // JWT Verify's added output "email" feeds the last card (Stringify)
  type M = ReturnType<typeof method>
  const fieldId = (m: M, side: 'inputs' | 'outputs', key: string) => Object.values(m.node.model[side].data as Record<string, { id: string; key: string }>).find((f) => f.key === key)!.id
  const verify = methods[CARDS.findIndex(([k]) => k === 'jwt:verify') + 1]!
  const last = methods.at(-1)!
  ;(verify.pins as Record<string, unknown>)[fieldId(verify, 'outputs', 'email')] = { [last.uuid]: [{ input: fieldId(last, 'inputs', 'object'), transform: null }] }
  const orderings = Object.fromEntries(methods.slice(1).map((m, i) => [`o${i}`, [methods[i]!.uuid, m.uuid]]))
  const pack = { type: 'flopack', version: '1.2.0', data: { flos: [{ id: 'f', name: 'advanced', data: { uuid: 'u-f', orderings, methods } }], configs: {} } }
  const [imported] = importFlopack(JSON.stringify(pack), 'advanced.flopack', registry)
  const cards = parse(imported!.yaml).cards as { card: string; inputs: Record<string, unknown> }[]
  const of = (type: string) => cards.find((c) => c.card === type)!.inputs

  it('imports every address to its card, and the flow validates', () => {
    assert.deepEqual(imported!.flow.unsupported, [])
    const { plan, errors } = loadFlowSource(imported!.yaml, imported!.file, registry)
    assert.ok(plan, errors.map((e) => e.describe()).join('\n') + imported!.yaml)
    assert.deepEqual(plan.cards.map((c) => c.def.type), CARDS.map(([, type]) => type))
  })

  it('keeps what the exported fields say', () => {
    assert.deepEqual(of('date.subtract'), { start: '2026-01-31T00:00:00Z', scale: 2, unit: 'days' })
    assert.deepEqual(of('date.difference'), { end: '2026-01-02T00:00:00Z', start: '2026-01-01T00:00:00Z' })
    assert.deepEqual(of('url.encodeQuery'), { data: { a: 'b c' } })
    assert.deepEqual(of('url.format'), { protocol: 'https', host: 'example.com', port: 8443, path: '/x', query: 'y=1' })
    assert.deepEqual(of('encryption.hmac'), { algorithm: 'sha256', key: 'my secret key', data: 'My secret message!', digest: 'base64' })
    assert.deepEqual(of('encryption.sign'), { algorithm: 'sha256', data: 'hi', digest: 'hex', key: '-----BEGIN PRIVATE KEY-----', passphrase: 'pw' })
    assert.deepEqual(of('xml.parse'), { xml: '<a>1</a>', explicitRoot: true, attrkey: '@' })
  })

  it('takes the fields an author adds to JWT Sign as its claims, and Okta’s "PS265" as PS256', () => {
    assert.deepEqual(of('jwt.sign'), { key: 'a-shared-secret-of-32-characters!', audience: 'app', expiresIn: 60, algorithm: 'PS256', claims: { userId: 'u1', role: 'admin' } })
  })

  it('reads the outputs an author adds to JWT Verify from its decoded payload', () => {
    assert.deepEqual(of('jwt.verify'), { token: 'a.b.c', key: 'k', ignoreExpiration: true, algorithm: 'HS512' })
    assert.deepEqual(of('json.stringify'), { object: '{{rootKernelJwt001Verify.decoded.email}}' })
  })
})
