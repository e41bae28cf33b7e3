import { Type } from '@sinclair/typebox'
import { SignJWT } from 'jose'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { textOf } from '../../engine/template.ts'
import { mapped, named } from '../../importer/mapping.ts'
import { jwtAlgorithm, oktaAlgorithm, signingKey } from '../lib/jwt-keys.ts'
import { toNumber } from '../lib/to-number.ts'

const OPTIONS = ['key', 'audience', 'issuer', 'expiresIn', 'jwtid', 'noTimestamp', 'header', 'notBefore', 'subject', 'algorithm'] as const

/** The header input: JSON text or an object; `alg` always comes from `algorithm`. */
function headerOf(header: unknown, cardId: string): Record<string, unknown> {
  if (header === undefined || header === null || header === '') return {}
  let h: unknown = header
  if (typeof h === 'string') {
    try {
      h = JSON.parse(h)
    } catch {
      throw new CardFailedError('header is not JSON', cardId)
    }
  }
  if (typeof h !== 'object' || h === null || Array.isArray(h)) throw new CardFailedError('header must be a JSON object', cardId)
  const { alg: _alg, ...rest } = h as Record<string, unknown>
  return rest
}

/** Okta's loose numbers: 60 or "60"; empty means unset. */
const seconds = (n: unknown, name: string, cardId: string) => (n === undefined || n === null || n === '' ? undefined : toNumber(n, name, cardId))

export default defineCard({
  type: 'jwt.sign',
  title: 'JWT - Sign',
  description:
    'Encodes `claims` (the payload: the fields an author adds to Okta’s card) as a JSON Web Token signed with `key` ' +
    'using `algorithm` (default HS256: the key text is the shared secret; RS/ES/PS: a PEM private key). The options ' +
    'set the registered claims: `audience` (aud), `issuer` (iss), `subject` (sub), `jwtid` (jti), `expiresIn` ' +
    '(exp, seconds from now), `notBefore` (nbf, an epoch in seconds), and `iat` unless `noTimestamp`. `header` adds ' +
    'JOSE header fields (JSON). The key and the signed token are secrets: neither appears in history.',
  kind: 'function',
  inputs: Type.Object({
    key: Type.Unknown({ description: 'The signing key: the shared secret for HS*, a PEM private key otherwise.' }),
    claims: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], { description: 'The payload.' })),
    algorithm: Type.Optional(jwtAlgorithm),
    audience: Type.Optional(Type.String()),
    issuer: Type.Optional(Type.String()),
    subject: Type.Optional(Type.String()),
    jwtid: Type.Optional(Type.String()),
    expiresIn: Type.Optional(Type.Unknown({ description: 'Seconds from now after which the token is no longer accepted (a number, or text that reads as one).' })),
    notBefore: Type.Optional(Type.Unknown({ description: 'Epoch seconds before which the token is not accepted (a number, or text that reads as one).' })),
    noTimestamp: Type.Optional(Type.Boolean({ default: false, description: 'Leave out the issued-at (iat) claim.' })),
    header: Type.Optional(Type.Unknown({ description: 'Extra JOSE header fields, as a JSON object or its text; `alg` comes from `algorithm`.' })),
  }),
  outputs: Type.Object({ output: Type.String({ description: 'The signed token.' }) }),
  secrets: { inputs: ['key'], outputs: ['output'] },
  examples: [
    {
      title: 'signs claims with a shared secret (HS256); history shows the token redacted',
      inputs: { key: 'a-shared-secret-of-32-characters!', claims: { name: 'Ann' }, subject: 'u1', noTimestamp: true },
      outputs: { output: '[REDACTED]' },
    },
    { title: 'fails without a key', inputs: { key: '', claims: { a: 1 } }, error: 'HS256 needs a key' },
    { title: 'fails on an RS256 key that is not PEM', inputs: { key: 'secret', algorithm: 'RS256' }, error: 'needs a PEM private key' },
  ],
  okta: {
    keys: ['jwt:sign'],
    map: (v) => mapped({ ...Object.fromEntries(OPTIONS.map((k) => [k, v.input(k)])), algorithm: oktaAlgorithm(v.input('algorithm')), claims: nonEmptyClaims(named(v, [...OPTIONS])) }),
  },
  async run(ctx, { key, claims, algorithm, audience, issuer, subject, jwtid, expiresIn, notBefore, noTimestamp, header }) {
    const alg = algorithm ?? 'HS256'
    const k = signingKey(alg, textOf(key), ctx.cardId)
    const now = Math.floor(ctx.now().getTime() / 1000)
    const jwt = new SignJWT({ ...(claims ?? {}) }).setProtectedHeader({ alg, typ: 'JWT', ...headerOf(header, ctx.cardId) })
    if (!noTimestamp) jwt.setIssuedAt(now)
    if (audience) jwt.setAudience(audience)
    if (issuer) jwt.setIssuer(issuer)
    if (subject) jwt.setSubject(subject)
    if (jwtid) jwt.setJti(jwtid)
    const exp = seconds(expiresIn, 'expiresIn', ctx.cardId)
    if (exp !== undefined) jwt.setExpirationTime(now + exp)
    const nbf = seconds(notBefore, 'notBefore', ctx.cardId)
    if (nbf !== undefined) jwt.setNotBefore(nbf)
    try {
      return { output: await jwt.sign(k) }
    } catch (err) {
      throw new CardFailedError(`cannot sign with ${alg}: ${(err as Error).message}`, ctx.cardId)
    }
  },
})

function nonEmptyClaims(c: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(c).length > 0 ? c : undefined
}
