/**
 * Encryption and JWT cards: published test vectors, signatures checked by Node's own verifier,
 * tokens checked by hand-computed HMACs, attacks on Verify (alg "none", HS256 signed with an
 * RSA public key), and the keys and tokens kept out of history.
 */
import assert from 'node:assert/strict'
import { createHmac, generateKeyPairSync, verify } from 'node:crypto'
import { describe, it } from 'node:test'
import hmac from '../../cards/encryption/hmac.ts'
import sign from '../../cards/encryption/sign.ts'
import jwtSign from '../../cards/jwt/sign.ts'
import jwtVerify from '../../cards/jwt/verify.ts'
import { fakeContext, testCard } from './card-helpers.ts'
import { runFlow } from '../../engine/run.ts'
import { card, planOf, runYaml } from '../helpers.ts'

const NOW = new Date('2026-11-20T10:00:00Z')
const ctx = fakeContext({ now: NOW })
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

describe('Encryption - HMAC', () => {
  // RFC 2202 (md5, sha1) and RFC 4231 (sha2) test case 2: key "Jefe"
  const vectors: [string, string][] = [
    ['md5', '750c783e6ab0b503eaa86e310a5db738'],
    ['sha1', 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79'],
    ['sha256', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ['sha384', 'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649'],
    ['sha512', '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737'],
  ]
  for (const [algorithm, hex] of vectors) {
    it(`matches the published ${algorithm} vector`, async () => {
      assert.deepEqual(await testCard(hmac, { algorithm, key: 'Jefe', data: 'what do ya want for nothing?', digest: 'hex' }, ctx), { output: hex })
    })
  }
  it('defaults to sha256 in base64, and writes binary as one character per byte', async () => {
    const { output } = await testCard(hmac, { key: 'Jefe', data: 'what do ya want for nothing?' }, ctx)
    assert.equal(Buffer.from(output as string, 'base64').toString('hex'), vectors[2]![1])
    const bin = await testCard(hmac, { key: 'Jefe', data: 'what do ya want for nothing?', digest: 'binary' }, ctx)
    assert.equal(Buffer.from(bin.output as string, 'latin1').toString('hex'), vectors[2]![1])
  })
  it('refuses an algorithm Okta does not offer', async () => {
    await assert.rejects(testCard(hmac, { algorithm: 'sha3-256', key: 'k', data: 'x' }, ctx), /algorithm/)
  })
})

describe('Encryption - Sign', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const pem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
  it('signs with every hash Okta offers, checked by Node’s verifier with the public key', async () => {
    for (const algorithm of ['md5', 'sha1', 'sha256', 'sha384', 'sha512']) {
      const { output } = await testCard(sign, { algorithm, data: 'My secret message!', key: pem, digest: 'hex' }, ctx)
      assert.ok(verify(algorithm, Buffer.from('My secret message!'), rsa.publicKey, Buffer.from(output as string, 'hex')), algorithm)
    }
  })
  it('opens a key encrypted with a passphrase, and fails with the wrong one without showing it', async () => {
    const locked = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'open sesame' }) as string
    const { output } = await testCard(sign, { data: 'hi', key: locked, passphrase: 'open sesame' }, ctx)
    assert.ok(verify('sha256', Buffer.from('hi'), rsa.publicKey, Buffer.from(output as string, 'base64')))
    await assert.rejects(testCard(sign, { data: 'hi', key: locked, passphrase: 'wrong' }, ctx), (err: Error) => /passphrase is wrong/.test(err.message) && !err.message.includes('wrong'.repeat(2)) && !err.message.includes('PRIVATE'))
  })
  it('signs with an Ed25519 key, which takes no separate hash', async () => {
    const ed = generateKeyPairSync('ed25519')
    const { output } = await testCard(sign, { data: 'hi', key: ed.privateKey.export({ type: 'pkcs8', format: 'pem' }) }, ctx)
    assert.ok(verify(null, Buffer.from('hi'), ed.publicKey, Buffer.from(output as string, 'base64')))
  })
})

describe('JWT - Sign and Verify', () => {
  const secret = 'a-shared-secret-of-32-characters!'
  it('signs HS256 exactly as the JWS spec computes it', async () => {
    const { output } = await testCard(jwtSign, { key: secret, claims: { name: 'Ann' }, subject: 'u1', issuer: 'me', audience: 'you', jwtid: 'j1', expiresIn: 60, notBefore: 1795000000 }, ctx)
    const now = NOW.getTime() / 1000
    const head = b64url({ alg: 'HS256', typ: 'JWT' })
    const body = b64url({ name: 'Ann', iat: now, aud: 'you', iss: 'me', sub: 'u1', jti: 'j1', exp: now + 60, nbf: 1795000000 })
    const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')
    assert.equal(output, `${head}.${body}.${sig}`)
  })
  it('reads expiresIn and notBefore written as text, as Okta’s loose numbers', async () => {
    const { output } = await testCard(jwtSign, { key: secret, expiresIn: '60', notBefore: ' 1795000000 ', noTimestamp: true }, ctx)
    const claims = JSON.parse(Buffer.from((output as string).split('.')[1]!, 'base64url').toString())
    assert.deepEqual(claims, { exp: NOW.getTime() / 1000 + 60, nbf: 1795000000 })
    await assert.rejects(testCard(jwtSign, { key: secret, expiresIn: 'soon' }, ctx), /input "expiresIn": "soon" is not a number/)
  })
  it('adds header fields but never lets the header choose the algorithm', async () => {
    const { output } = await testCard(jwtSign, { key: secret, header: '{"kid":"k1","alg":"none"}', noTimestamp: true }, ctx)
    assert.deepEqual(JSON.parse(Buffer.from((output as string).split('.')[0]!, 'base64url').toString()), { alg: 'HS256', typ: 'JWT', kid: 'k1' })
    await assert.rejects(testCard(jwtSign, { key: secret, header: '[1]' }, ctx), /header must be a JSON object/)
  })
  for (const [algorithm, type, opts] of [
    ['RS256', 'rsa', { modulusLength: 2048 }],
    ['PS384', 'rsa', { modulusLength: 2048 }],
    ['ES256', 'ec', { namedCurve: 'P-256' }],
    ['ES512', 'ec', { namedCurve: 'P-521' }],
  ] as const) {
    it(`signs ${algorithm} with a private key and verifies with the public key`, async () => {
      const pair = generateKeyPairSync(type as 'rsa', opts as { modulusLength: number })
      const priv = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string
      const pub = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string
      const { output } = await testCard(jwtSign, { key: priv, algorithm, claims: { role: 'admin' }, expiresIn: 300 }, ctx)
      const { decoded } = await testCard(jwtVerify, { token: output, key: pub, algorithm }, ctx)
      assert.equal((decoded as { role: string }).role, 'admin')
      await assert.rejects(testCard(jwtVerify, { token: output, key: pub }, ctx), /HS256 needs|not verified/)
    })
  }

  it('refuses an unsigned token (alg none) and an HS256 token signed with the RSA public key', async () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const pub = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string
    const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ admin: true })}.`
    await assert.rejects(testCard(jwtVerify, { token: none, key: pub, algorithm: 'RS256' }, ctx), /not verified/)
    const forged = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ admin: true })}`
    const token = `${forged}.${createHmac('sha256', pub).update(forged).digest('base64url')}`
    await assert.rejects(testCard(jwtVerify, { token, key: pub, algorithm: 'RS256' }, ctx), /another algorithm/)
  })

  it('checks expiry, not-before, audience, issuer and subject', async () => {
    const token = async (extra: Record<string, unknown>, at = NOW) =>
      (await testCard(jwtSign, { key: secret, audience: 'app', issuer: 'idp', subject: 'u1', ...extra }, fakeContext({ now: at }))).output
    const hourAgo = new Date(NOW.getTime() - 3_600_000)
    const expired = await token({ expiresIn: 60 }, hourAgo)
    await assert.rejects(testCard(jwtVerify, { token: expired, key: secret }, ctx), /has expired/)
    assert.equal(((await testCard(jwtVerify, { token: expired, key: secret, ignoreExpiration: true }, ctx)).decoded as { sub: string }).sub, 'u1')
    const later = await token({ notBefore: NOW.getTime() / 1000 + 600 })
    await assert.rejects(testCard(jwtVerify, { token: later, key: secret, ignoreExpiration: true }, ctx), /claim "nbf"/)
    const good = await token({})
    await assert.rejects(testCard(jwtVerify, { token: good, key: secret, audience: 'other' }, ctx), /claim "aud"/)
    await assert.rejects(testCard(jwtVerify, { token: good, key: secret, issuer: 'other' }, ctx), /claim "iss"/)
    await assert.rejects(testCard(jwtVerify, { token: good, key: secret, subject: 'u2' }, ctx), /claim "sub"/)
    assert.ok(await testCard(jwtVerify, { token: good, key: secret, audience: 'app', issuer: 'idp', subject: 'u1' }, ctx))
  })
})

describe('secret inputs and outputs', () => {
  it('keeps keys and minted tokens out of history, however short the key', async () => {
    const [run] = await runYaml(
      `
name: s
trigger: { id: t, card: control.helperFlow, options: { inputs: [key] } }
cards:
  - { id: mac, card: encryption.hmac, inputs: { key: "{{t.key}}", data: payload } }
  - { id: tok, card: jwt.sign, inputs: { key: a-shared-secret-of-32-characters!, claims: { n: 1 } } }
  - { id: v, card: jwt.verify, inputs: { token: "{{tok.output}}", key: a-shared-secret-of-32-characters! } }
  - { id: echo, card: text.concatenate, inputs: { parts: ["Bearer ", "{{tok.output}}"] } }`,
      { key: 'k1' },
      { dryRun: true, now: () => NOW },
    )
    assert.equal(run!.status, 'succeeded', JSON.stringify(run!.error))
    const history = JSON.stringify(run)
    assert.ok(!history.includes('a-shared-secret-of-32-characters!'), 'signing key in history')
    assert.ok(!history.includes('eyJ'), 'token in history')
    assert.equal(card(run!, 'mac').inputs.key, '[REDACTED]')
    assert.equal(card(run!, 'echo').outputs.output, 'Bearer [REDACTED]')
    assert.deepEqual(card(run!, 'v').outputs, { decoded: { n: 1, iat: NOW.getTime() / 1000 } })
    assert.equal(card(run!, 'mac').inputs.data, 'payload')
  })

  it('signs again after a wait instead of handing on the redacted token a stored run holds', async () => {
    const plan = planOf(`
name: w
trigger: { id: t, card: control.helperFlow }
cards:
  - { id: tok, card: jwt.sign, inputs: { key: a-shared-secret-of-32-characters!, claims: { n: 1 }, noTimestamp: true } }
  - { id: pause, card: control.waitFor, inputs: { delay: 1, unit: day } }
  - { id: v, card: jwt.verify, inputs: { token: "{{tok.output}}", key: a-shared-secret-of-32-characters! } }`)
    const first = await runFlow(plan, {}, { now: () => NOW, waits: 'suspend' })
    assert.equal(first.status, 'waiting')
    assert.equal(card(first, 'tok').outputs.output, '[REDACTED]')
    const later = new Date(NOW.getTime() + 86_400_000 + 1000)
    const resumed = await runFlow(plan, {}, { now: () => later, waits: 'suspend', resume: first, runId: first.runId })
    assert.equal(resumed.status, 'succeeded', JSON.stringify(resumed.error))
    assert.notEqual(card(resumed, 'tok').resumed, true)
    assert.deepEqual(card(resumed, 'v').outputs, { decoded: { n: 1 } })
  })
})
