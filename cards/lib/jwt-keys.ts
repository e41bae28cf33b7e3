/**
 * Keys for the JWT cards. HMAC algorithms take the key text as the shared secret; RSA, EC and
 * RSA-PSS take a PEM key: a private key to sign, a public key, certificate or private key to
 * verify. Only the algorithm the card names is accepted, so a token cannot choose its own
 * (`none`, or HS256 signed with an RSA public key).
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import { Type } from '@sinclair/typebox'
import { CardFailedError } from '../../engine/errors.ts'

export const JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512'] as const
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number]

export const jwtAlgorithm = Type.Union(
  JWT_ALGORITHMS.map((a) => Type.Literal(a)),
  { default: 'HS256', description: 'HS256 (the default), HS384, HS512, RS256 … RS512, ES256 … ES512, PS256 … PS512.' },
)

/** Okta's list spells PS256 as "PS265". */
export const oktaAlgorithm = (v: unknown): unknown => (v === 'PS265' ? 'PS256' : v)

const isHmac = (alg: JwtAlgorithm) => alg.startsWith('HS')

export function signingKey(alg: JwtAlgorithm, key: string, cardId: string): KeyObject | Uint8Array {
  if (key === '') throw new CardFailedError(`${alg} needs a key`, cardId)
  if (isHmac(alg)) return new TextEncoder().encode(key)
  try {
    return createPrivateKey(key)
  } catch {
    throw new CardFailedError(`${alg} needs a PEM private key`, cardId)
  }
}

export function verifyingKey(alg: JwtAlgorithm, key: string, cardId: string): KeyObject | Uint8Array {
  if (key === '') throw new CardFailedError(`${alg} needs a key`, cardId)
  if (isHmac(alg)) return new TextEncoder().encode(key)
  try {
    // a public key, a certificate, or a private key whose public half checks the signature
    return createPublicKey(key)
  } catch {
    throw new CardFailedError(`${alg} needs a PEM public key, certificate or private key`, cardId)
  }
}
