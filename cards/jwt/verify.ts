import { Type } from '@sinclair/typebox'
import { errors, jwtVerify } from 'jose'
import { defineCard } from '../../engine/card.ts'
import { CardFailedError } from '../../engine/errors.ts'
import { textOf } from '../../engine/template.ts'
import { mapped } from '../../importer/mapping.ts'
import { jwtAlgorithm, oktaAlgorithm, verifyingKey } from '../lib/jwt-keys.ts'

const OPTIONS = ['token', 'key', 'audience', 'issuer', 'ignoreExpiration', 'subject', 'algorithm'] as const

/** jose's reasons, said for a flow author; none of them carries the key or the token. */
function reason(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the token has expired'
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not match the key'
  if (err instanceof errors.JWTClaimValidationFailed) return `claim "${err.claim}" ${err.reason === 'check_failed' ? 'does not match' : 'is missing'}: ${err.message}`
  if (err instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with another algorithm than the one chosen'
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'not a signed JSON Web Token'
  if (err instanceof errors.JOSEError) return err.message
  return 'the key does not fit the algorithm'
}

export default defineCard({
  type: 'jwt.verify',
  title: 'JWT - Verify',
  description:
    'Checks the signature of `token` with `key` using only `algorithm` (default HS256: the key text is the shared ' +
    'secret; RS/ES/PS: a PEM public key, certificate or private key) and gives its payload as `decoded`. The token ' +
    'fails the card when it has expired (unless `ignoreExpiration`), is not yet valid (nbf), or its aud, iss or sub ' +
    'differ from `audience`, `issuer` or `subject` when given. The key and the token are secrets.',
  kind: 'function',
  inputs: Type.Object({
    token: Type.Unknown({ description: 'The complete token: header, payload and signature.' }),
    key: Type.Unknown({ description: 'The shared secret (HS*) or a PEM public key, certificate or private key.' }),
    algorithm: Type.Optional(jwtAlgorithm),
    audience: Type.Optional(Type.String()),
    issuer: Type.Optional(Type.String()),
    subject: Type.Optional(Type.String()),
    ignoreExpiration: Type.Optional(Type.Boolean({ default: false })),
  }),
  outputs: Type.Object({ decoded: Type.Record(Type.String(), Type.Unknown(), { description: 'The payload’s claims.' }) }),
  secrets: { inputs: ['token', 'key'] },
  examples: [
    {
      title: 'verifies a token and gives its claims',
      inputs: { token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYW1lIjoiQW5uIiwic3ViIjoidTEifQ.SWch7G3c4QiFkqC3wS_3mEphqX_VuubHR2aFBiqmzD4', key: 'a-shared-secret-of-32-characters!', subject: 'u1' },
      outputs: { decoded: { name: 'Ann', sub: 'u1' } },
    },
    {
      title: 'fails on a wrong key',
      inputs: { token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYW1lIjoiQW5uIiwic3ViIjoidTEifQ.SWch7G3c4QiFkqC3wS_3mEphqX_VuubHR2aFBiqmzD4', key: 'another-secret-of-32-characters!!' },
      error: 'signature does not match',
    },
    { title: 'fails on text that is not a token', inputs: { token: 'hello', key: 'k' }, error: 'not a signed JSON Web Token' },
  ],
  okta: {
    keys: ['jwt:verify'],
    map: (v) => mapped({ ...Object.fromEntries(OPTIONS.map((k) => [k, v.input(k)])), algorithm: oktaAlgorithm(v.input('algorithm')) }, Object.fromEntries(v.outputKeys().filter((k) => k !== 'decoded').map((k) => [k, ['decoded', k]]))),
  },
  async run(ctx, { token, key, algorithm, audience, issuer, subject, ignoreExpiration }) {
    const alg = algorithm ?? 'HS256'
    const k = verifyingKey(alg, textOf(key), ctx.cardId)
    try {
      const { payload } = await jwtVerify(textOf(token).trim(), k, {
        algorithms: [alg],
        currentDate: ctx.now(),
        ...(audience && { audience }),
        ...(issuer && { issuer }),
        ...(subject && { subject }),
      })
      return { decoded: { ...payload } }
    } catch (err) {
      // jose checks exp last, after the signature and every other claim: an expired token is otherwise good
      if (ignoreExpiration && err instanceof errors.JWTExpired) return { decoded: { ...err.payload } }
      throw new CardFailedError(`JWT not verified: ${reason(err)}`, ctx.cardId)
    }
  },
})
